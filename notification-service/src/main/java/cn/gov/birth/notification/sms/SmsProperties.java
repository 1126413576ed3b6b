package cn.gov.birth.notification.sms;

import cn.gov.birth.platform.outbound.OutboundSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMS provider; every value is set in application.yml, the one place of their defaults.
 *
 * @param url         the provider's base URL ({@code POST {url}/sms/messages})
 * @param maxAttempts sends of one SMS before it is given up (FAILED)
 * @param lease       a claimed SMS another instance sends again only once its sender is gone
 */
@ConfigurationProperties("birth.notification.sms")
public record SmsProperties(String url, Duration connectTimeout, Duration readTimeout, Duration pollInterval,
                            int batchSize, int maxAttempts, Duration lease, Duration initialBackoff,
                            Duration maxBackoff) {

    /** How the sender works: the provider's breaker, retry and bulkhead are the platform's {@code partner} ones. */
    OutboundSettings sender() {
        return new OutboundSettings(pollInterval, batchSize, lease, initialBackoff, maxBackoff, "partner");
    }
}
