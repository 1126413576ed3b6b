package cn.gov.birth.application.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

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

/** An evaluation, with the family's words, goes once its period is over; a recent one stays. */
class EvaluationPurgeTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("evaluation_purge", "classpath:db/migration");

    private final Purges purges = new Purges(List.of(EvaluationRepository.evaluations(Duration.ofDays(1096))),
            DATABASE.dataSource(), DATABASE.transactions(), new SimpleMeterRegistry(), Clock.systemUTC(), 1,
            Duration.ofHours(1));

    @Test
    void shouldPurgeEvaluationsOlderThanTheirPeriodAndKeepRecentOnes() {
        UUID old = evaluation(1200);
        UUID recent = evaluation(30);

        assertThat(purges.run()).hasValueSatisfying(counts -> assertThat(counts).containsEntry("evaluations", 1L));

        assertThat(kept(old)).isZero();
        assertThat(kept(recent)).isEqualTo(1);
    }

    private static UUID evaluation(int daysAgo) {
        UUID id = UUID.randomUUID();
        DATABASE.jdbc().sql("""
                        insert into evaluation (application_id, region, department, score, comment, evaluated_by, at)
                        values (?, '520000', 'HEALTH', 2, 'ENC1:sealed', 'citizen', ?)""")
                .params(id, Timestamp.from(Instant.now().minus(Duration.ofDays(daysAgo)))).update();
        return id;
    }

    private static long kept(UUID id) {
        return DATABASE.jdbc().sql("select count(*) from evaluation where application_id = ?").param(id)
                .query(Long.class).single();
    }
}
