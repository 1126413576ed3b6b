package cn.gov.birth.sscard.card;

import cn.gov.birth.platform.outbound.OutboundSettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How card-making data reaches the banks (the banks and their interfaces are reference data, {@code BankApi}).
 *
 * @param callbackUrl where a bank reports that a card was made or could not be made
 * @param sender      the background sender of recorded requests
 */
@ConfigurationProperties("birth.card")
public record CardProperties(String callbackUrl, Sender sender) {

    /**
     * The sender: the {@link OutboundSettings} under their names, and when a request goes again.
     *
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
