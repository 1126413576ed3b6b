package cn.gov.birth.platform.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the platform's own rows are kept ({@code birth.retention}), and how its {@link Purges}
 * run. Services keep their own periods next to the {@link Purge}s they contribute.
 *
 * @param processedEvents how long a consumer remembers an event it processed ({@code processed_event}):
 *                        longer than Kafka can deliver the record again, or a redelivered duplicate
 *                        would take effect twice. A record stays in its topic for the topic's retention
 *                        (the broker's {@code log.retention.*}, 7 days by default: our topics set none)
 *                        and up to one segment's roll time more ({@code log.roll.*}, 7 days: whole
 *                        segments are deleted), and a consumer group whose offsets expired starts again
 *                        at the earliest record; so about 14 days at most, and 30 days by default
 * @param rendezvousParts how long the parts of a join that fired are kept after it fired; the parts
 *                        of a join that has not fired are never purged by age: they are what an open
 *                        application still waits for
 * @param deadLetters     the {@code retention.ms} of every dead-letter topic when it is created: time
 *                        to notice, fix and replay, but not forever, as dead letters carry personal data
 * @param purgeInterval   the pause between two runs of the purges
 * @param batchSize       the rows a purge deletes per transaction, so that no run holds locks for long
 */
@ConfigurationProperties("birth.retention")
public record RetentionSettings(@DefaultValue("P30D") Duration processedEvents,
                               @DefaultValue("P30D") Duration rendezvousParts,
                               @DefaultValue("P30D") Duration deadLetters,
                               @DefaultValue("PT1H") Duration purgeInterval,
                               @DefaultValue("1000") int batchSize) {

    public RetentionSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("birth.retention.batch-size is at least 1, not " + batchSize);
        }
    }

    /**
     * How long the record that a join fired ({@code rendezvous_done}) is kept: it must outlive the
     * join's parts (else parts kept plus one arriving again would fire it again) and the memory of
     * processed events (while a part may still come again as a redelivery, the record is what keeps
     * the join from firing twice). A record goes only once no part of its join is left.
     */
    public Duration rendezvousDone() {
        return rendezvousParts.compareTo(processedEvents) > 0 ? rendezvousParts : processedEvents;
    }
}
