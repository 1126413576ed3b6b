package cn.gov.birth.application.core;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.platform.retention.Purges;
import cn.gov.birth.platform.test.PlatformDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Finished applications go with their items and timeline once their period is over; open ones never. */
class FinishedApplicationPurgeTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("application_purge", "classpath:db/migration");
    private static final Duration THREE_YEARS = Duration.ofDays(1096);

    private final Purges purges = new Purges(List.of(ApplicationRepository.finishedApplications(THREE_YEARS)),
            DATABASE.dataSource(), DATABASE.transactions(), new SimpleMeterRegistry(), Clock.systemUTC(), 1,
            Duration.ofHours(1));

    @Test
    void shouldPurgeExpiredFinishedApplicationsWithTheirItemsAndTimelineAndLeaveOpenAndRecentOnes() {
        UUID completedLongAgo = application(ApplicationStatus.COMPLETED, 1500, 1400);
        UUID withdrawnLongAgo = application(ApplicationStatus.WITHDRAWN, 1200, 1150);
        UUID openForYears = application(ApplicationStatus.ACTION_REQUIRED, 2000, 1900);
        UUID completedLately = application(ApplicationStatus.COMPLETED, 1200, 300);

        assertThat(purges.run()).hasValueSatisfying(counts ->
                assertThat(counts).containsEntry("finished-applications", 2L));

        assertThat(kept(completedLongAgo)).isZero();
        assertThat(kept(withdrawnLongAgo)).isZero();
        assertThat(kept(openForYears)).isEqualTo(4);
        assertThat(kept(completedLately)).isEqualTo(4);
    }

    /** An application submitted and last changed (its newest timeline entry) so many days ago, with an item. */
    private static UUID application(ApplicationStatus status, int submittedDaysAgo, int lastEventDaysAgo) {
        UUID id = UUID.randomUUID();
        DATABASE.jdbc().sql("""
                        insert into application (id, reference, region, channel, status, version, acceptance, form,
                                                 submitted_at, completed_at)
                        values (?, ?, '520000', 'ONLINE', ?, 3, '{}', '{}', ?, ?)""")
                .params(id, "520000-" + id, status.name(), ago(submittedDaysAgo),
                        status == ApplicationStatus.COMPLETED ? ago(lastEventDaysAgo) : null)
                .update();
        DATABASE.jdbc().sql("""
                        insert into application_item (application_id, item, status, updated_at)
                        values (?, 'BIRTH_CERT', 'COMPLETED', ?)""")
                .params(id, ago(lastEventDaysAgo)).update();
        DATABASE.jdbc().sql("insert into timeline_entry (application_id, at, type) values (?, ?, 'ApplicationAccepted')")
                .params(id, ago(submittedDaysAgo)).update();
        DATABASE.jdbc().sql("insert into timeline_entry (application_id, at, type) values (?, ?, 'ItemCompleted')")
                .params(id, ago(lastEventDaysAgo)).update();
        return id;
    }

    /** The rows kept of the application: its own, its items' and its timeline's. */
    private static long kept(UUID id) {
        return DATABASE.jdbc().sql("""
                        select (select count(*) from application where id = :id)
                             + (select count(*) from application_item where application_id = :id)
                             + (select count(*) from timeline_entry where application_id = :id)""")
                .param("id", id).query(Long.class).single();
    }

    private static Timestamp ago(int days) {
        return Timestamp.from(Instant.now().minus(Duration.ofDays(days)));
    }
}
