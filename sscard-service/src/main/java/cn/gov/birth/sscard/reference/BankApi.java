package cn.gov.birth.sscard.reference;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The banks' card-making interfaces: where a bank's may be (an allow-list from configuration) and
 * the connection and answer time limits of a call.
 *
 * @param connectTimeout how long connecting may take
 * @param timeout     how long one call may take to be answered before it counts as failed
 * @param allowedUrls the URL prefixes a bank's card-making interface may have
 * @param allowHttp   whether plain http is allowed (local runs only)
 */
@ConfigurationProperties("birth.card.bank-api")
public record BankApi(Duration connectTimeout, Duration timeout, List<String> allowedUrls, boolean allowHttp) {

    public BankApi {
        allowedUrls = allowedUrls == null ? List.of()
                : allowedUrls.stream().map(String::trim).filter(url -> !url.isEmpty()).toList();
    }

    /** Whether a bank's interface may be at this URL. */
    public boolean allows(String url) {
        return (url.startsWith("https://") || allowHttp && url.startsWith("http://"))
                && allowedUrls.stream().anyMatch(prefix -> url.equals(prefix)
                || url.startsWith(prefix.endsWith("/") ? prefix : prefix + "/"));
    }
}
