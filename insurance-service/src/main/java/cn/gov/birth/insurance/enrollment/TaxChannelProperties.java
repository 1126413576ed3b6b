package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.platform.outbound.OutboundSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The tax payment channel (税务社保缴费渠道) that takes the newborn's payment orders; every value is
 * set in application.yml, the one place of their defaults. The sender's settings are the
 * {@link OutboundSettings} of those names.
 *
 * @param url            the channel's base URL ({@code POST {url}/tax/payment-orders})
 * @param callbackUrl    where the channel reports a payment; empty: this service's own address on
 *                       127.0.0.1 (local runs)
 * @param maxAttempts    sends of one order before it goes to staff
 * @param recheckAfter   an issued order without the channel's report by then is sent again, so a report
 *                       lost while this service was down does not leave the item open for good
 */
@ConfigurationProperties("birth.insurance.tax-channel")
public record TaxChannelProperties(String url, String callbackUrl, Duration connectTimeout, Duration readTimeout,
                                   Duration pollInterval, int batchSize, int maxAttempts, Duration lease,
                                   Duration initialBackoff, Duration maxBackoff, Duration recheckAfter) {

    /** How the sender works: the channel's breaker, retry and bulkhead are the platform's {@code partner} ones. */
    OutboundSettings sender() {
        return new OutboundSettings(pollInterval, batchSize, lease, initialBackoff, maxBackoff, "partner");
    }
}
