package cn.gov.birth.notification.messages;

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

/** The messages of a finished application go, with who may read them, once its period is over; an open one's never. */
class NotificationPurgeTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("notification_purge", "classpath:db/migration");
    private static final Duration A_YEAR = Duration.ofDays(365);

    private final Purges purges = new Purges(List.of(Notifications.finishedApplications(A_YEAR)),
            DATABASE.dataSource(), DATABASE.transactions(), new SimpleMeterRegistry(), Clock.systemUTC(), 1,
            Duration.ofHours(1));

    @Test
    void shouldPurgeTheMessagesOfApplicationsFinishedLongAgoAndLeaveOpenAndRecentOnes() {
        UUID completedLongAgo = application(ApplicationStatus.COMPLETED, 500, 400);
        UUID openForYears = application(ApplicationStatus.ACTION_REQUIRED, 900, 800);
        UUID completedLately = application(ApplicationStatus.COMPLETED, 500, 30);

        assertThat(purges.run()).hasValueSatisfying(counts -> assertThat(counts).containsEntry("notifications", 2L));

        assertThat(messages(completedLongAgo)).isZero();
        assertThat(audience(completedLongAgo)).isZero();
        assertThat(messages(openForYears)).isEqualTo(2);
        assertThat(audience(openForYears)).isEqualTo(1);
        assertThat(messages(completedLately)).isEqualTo(2);
        assertThat(audience(completedLately)).isEqualTo(1);
    }

    /** An application's first message (ACCEPTED) and its last one ({@code status}), so many days ago, and its audience. */
    private static UUID application(ApplicationStatus status, int acceptedDaysAgo, int lastDaysAgo) {
        UUID id = UUID.randomUUID();
        message(id, 1, ApplicationStatus.ACCEPTED, acceptedDaysAgo);
        message(id, 2, status, lastDaysAgo);
        DATABASE.jdbc().sql("""
                        insert into application_audience (application_id, version, submitted_by, parent_indexes)
                        values (?, 2, 'mother', array['index'])""")
                .param(id).update();
        return id;
    }

    private static void message(UUID application, long version, ApplicationStatus status, int daysAgo) {
        DATABASE.jdbc().sql("""
                        insert into notification (source_event, application_id, reference, version, status, channel,
                                                  text, created_at)
                        values (?, ?, 'ref', ?, ?, 'IN_APP', 'text', ?)""")
                .params(UUID.randomUUID(), application, version, status.name(),
                        Timestamp.from(Instant.now().minus(Duration.ofDays(daysAgo))))
                .update();
    }

    private static long messages(UUID application) {
        return DATABASE.jdbc().sql("select count(*) from notification where application_id = ?").param(application)
                .query(Long.class).single();
    }

    private static long audience(UUID application) {
        return DATABASE.jdbc().sql("select count(*) from application_audience where application_id = ?")
                .param(application).query(Long.class).single();
    }
}
