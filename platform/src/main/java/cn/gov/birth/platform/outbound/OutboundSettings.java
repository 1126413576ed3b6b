package cn.gov.birth.platform.outbound;

import java.time.Duration;

/**
 * How an {@link OutboundSender} works its table.
 *
 * @param pollInterval   the pause between rounds
 * @param batchSize      requests claimed per round
 * @param lease          how long a claimed request is its sender's before another may send it again
 *                       (its sender died): longer than a call with all its retries
 * @param initialBackoff the wait after a failed call, doubling with each attempt up to {@code maxBackoff}
 * @param resilience     the Resilience4j configuration (circuit breaker, retry, bulkhead) each partner's
 *                       instances are made from; the instances are named after the partner
 */
public record OutboundSettings(Duration pollInterval, int batchSize, Duration lease, Duration initialBackoff,
                               Duration maxBackoff, String resilience) {

    /** The wait after the {@code attempts}-th failed call. */
    public Duration backoff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 20);
        Duration wait = initialBackoff.multipliedBy(1L << doublings);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
