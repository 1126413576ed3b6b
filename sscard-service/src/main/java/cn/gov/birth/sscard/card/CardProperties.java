package cn.gov.birth.sscard.card;

import cn.gov.birth.platform.outbound.OutboundSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How card-making data reaches the banks (the banks themselves are reference data).
 *
 * @param callbackUrl where a bank reports that a card was made or could not be made
 * @param bankApi     the banks' card-making interface: connection and answer time limits
 * @param sender      the background sender of recorded requests
 */
@ConfigurationProperties("birth.card")
public record CardProperties(String callbackUrl, BankApi bankApi, Sender sender) {

    /**
     * @param timeout     how long one call may take to be answered before it counts as failed
     * @param allowedUrls the URL prefixes a bank's card-making interface may have
     * @param allowHttp   whether plain http is allowed (local runs only)
     */
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

    /**
     * @param pollInterval   the pause between rounds
     * @param batchSize      requests claimed per round
     * @param lease          how long a claimed request is left to its sender before another may send it again
     * @param initialBackoff the wait before resending after the first failed round; doubles each round
     * @param maxBackoff     the longest wait between rounds
     * @param callbackTimeout how long a request the bank took may go without its callback before it
     *                        is sent again (same request id: the bank reports again, makes no second card)
     */
    public record Sender(Duration pollInterval, int batchSize, Duration lease, Duration initialBackoff,
                         Duration maxBackoff, Duration callbackTimeout) {

        /** How the sender works: each bank's breaker, retry and bulkhead come from the {@code bank} configuration. */
        public OutboundSettings outbound() {
            return new OutboundSettings(pollInterval, batchSize, lease, initialBackoff, maxBackoff, "bank");
        }
    }
}
