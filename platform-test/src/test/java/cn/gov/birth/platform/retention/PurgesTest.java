package cn.gov.birth.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.test.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform's purges on its own tables: what is expired goes, in batches; what is fresh or still needed stays. */
class PurgesTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("platform_purges");
    private static final Duration PERIOD = Duration.ofDays(30);
    private static final Set<String> NEEDED = Set.of("application", "certificate");

    private final RetentionSettings settings = new RetentionSettings(PERIOD, PERIOD, PERIOD, Duration.ofHours(1), 2);
    private final RetentionConfiguration configuration = new RetentionConfiguration();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Purges purges = new Purges(List.of(configuration.processedEventPurge(settings),
            configuration.rendezvousPartPurge(settings), configuration.rendezvousDonePurge(settings)),
            DATABASE.dataSource(), DATABASE.transactions(), meters, Clock.systemUTC(), settings.batchSize(),
            settings.purgeInterval());
    private final Rendezvous rendezvous = new Rendezvous(DATABASE.jdbc(), new BirthEventCatalog(), DATABASE.fieldEncryption());

    @BeforeEach
    void empty() {
        DATABASE.jdbc().sql("truncate processed_event, rendezvous_part, rendezvous_done").update();
    }

    @Test
    void shouldPurgeProcessedEventsOlderThanThePeriodInBatchesAndKeepFreshOnes() {
        List<UUID> expired = List.of(processed(40), processed(31), processed(365), processed(100), processed(60));
        UUID fresh = processed(29);

        assertThat(purges.run()).hasValueSatisfying(counts ->
                assertThat(counts).containsEntry("processed-events", 5L));

        assertThat(processedEvents()).containsExactly(fresh).doesNotContainAnyElementsOf(expired);
        assertThat(meters.counter("birth.retention.purged", "purge", "processed-events").count()).isEqualTo(5);
    }

    @Test
    void shouldPurgeThePartsOfAJoinThatFiredLongAgoAndKeepThoseOfAJoinStillWaitingHoweverOld() {
        String firedLongAgo = join(true, 40);
        String firedLately = join(true, 5);
        String waiting = join(false, 400);

        assertThat(purges.run()).hasValueSatisfying(counts ->
                assertThat(counts).containsEntry("rendezvous-parts", 2L));

        assertThat(partsOf(firedLongAgo)).isZero();
        assertThat(partsOf(firedLately)).isEqualTo(2);
        assertThat(partsOf(waiting)).isEqualTo(1);
    }

    @Test
    void shouldKeepTheRecordThatAJoinFiredWhileAnyOfItsPartsIsLeft() {
        String fired = join(true, 40);
        // A part that arrived lately, after the join fired: its period has not run out.
        DATABASE.jdbc().sql("update rendezvous_part set arrived_at = now() where join_key = ? and part = 'certificate'")
                .param(fired).update();

        purges.run();

        assertThat(partsOf(fired)).isEqualTo(1);
        assertThat(done(fired)).isTrue();

        DATABASE.jdbc().sql("update rendezvous_part set arrived_at = ? where join_key = ?").params(ago(40), fired)
                .update();
        purges.run();

        assertThat(partsOf(fired)).isZero();
        assertThat(done(fired)).isFalse();
    }

    @Test
    void shouldSkipTheRunWhileAnotherInstanceRunsThePurges() throws Exception {
        UUID expired = processed(40);
        try (Connection other = DATABASE.dataSource().getConnection()) {
            other.createStatement().execute("select pg_advisory_lock(" + 0x7075726765730000L + ")");

            assertThat(purges.run()).isEmpty();
            assertThat(processedEvents()).contains(expired);
        }

        assertThat(purges.run()).isPresent();
        assertThat(processedEvents()).doesNotContain(expired);
    }

    private UUID processed(int daysAgo) {
        UUID id = UUID.randomUUID();
        DATABASE.jdbc().sql("insert into processed_event (consumer, event_id, processed_at) values ('test', ?, ?)")
                .params(id, ago(daysAgo)).update();
        return id;
    }

    private List<UUID> processedEvents() {
        return DATABASE.jdbc().sql("select event_id from processed_event").query(UUID.class).list();
    }

    /** A join of an application and its certificate, the application part (and the certificate, if fired) days ago. */
    private String join(boolean fire, int daysAgo) {
        UUID id = UUID.randomUUID();
        String key = id.toString();
        ApplicationSubmitted application = SampleEvents.applicationSubmitted(id, Item.HUKOU);
        DATABASE.transactions().executeWithoutResult(status -> {
            rendezvous.arrive(key, "application", application, NEEDED);
            if (fire) {
                assertThat(rendezvous.arrive(key, "certificate", certificate(id), NEEDED)).isPresent();
            }
        });
        DATABASE.jdbc().sql("update rendezvous_part set arrived_at = ? where join_key = ?").params(ago(daysAgo), key)
                .update();
        DATABASE.jdbc().sql("update rendezvous_done set done_at = ? where join_key = ?").params(ago(daysAgo), key)
                .update();
        return key;
    }

    private static BirthCertificateIssued certificate(UUID applicationId) {
        return new BirthCertificateIssued(UUID.randomUUID(), applicationId, Instant.now(), "Q000000001", false);
    }

    private long partsOf(String key) {
        return DATABASE.jdbc().sql("select count(*) from rendezvous_part where join_key = ?").param(key)
                .query(Long.class).single();
    }

    private boolean done(String key) {
        return DATABASE.jdbc().sql("select count(*) from rendezvous_done where join_key = ?").param(key)
                .query(Long.class).single() > 0;
    }

    private static Timestamp ago(int days) {
        return Timestamp.from(Instant.now().minus(Duration.ofDays(days)));
    }
}
