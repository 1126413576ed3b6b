package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionLimitTest {

    private static final Duration TARGET = Duration.ofSeconds(2);

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final AdmissionLimit limit = new AdmissionLimit(32, TARGET, now::get);

    @Test
    void shouldAdmitUpToTheCeilingWhileSubmissionsAreAnsweredWithinTheTarget() {
        for (int i = 0; i < 100; i++) {
            submissionTaking(Duration.ofMillis(300), false);
        }

        assertThat(limit.current()).isEqualTo(32);
    }

    @Test
    void shouldAdmitAQuarterFewerAfterASubmissionSlowerThanTheTarget() {
        submissionTaking(Duration.ofSeconds(5), false);

        assertThat(limit.current()).isEqualTo(24);
    }

    @Test
    void shouldLowerTheLimitOnlyOncePerTargetIntervalForABurstOfSlowSubmissions() {
        long start = now.get();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        for (int i = 0; i < 10; i++) {
            limit.ended(start, false);
            now.addAndGet(Duration.ofMillis(100).toNanos());
        }
        assertThat(limit.current()).isEqualTo(24);

        now.addAndGet(TARGET.toNanos());
        submissionTaking(Duration.ofSeconds(5), false);
        assertThat(limit.current()).isEqualTo(18);
    }

    @Test
    void shouldNeverGoBelowFourHoweverLongSubmissionsTake() {
        for (int i = 0; i < 50; i++) {
            now.addAndGet(TARGET.toNanos());
            submissionTaking(Duration.ofSeconds(9), false);
        }

        assertThat(limit.current()).isEqualTo(4);
    }

    @Test
    void shouldCountAFailedOrAbandonedSubmissionAsTooSlow() {
        submissionTaking(Duration.ofMillis(10), true);

        assertThat(limit.current()).isEqualTo(24);
    }

    @Test
    void shouldClimbBackToTheCeilingOnceSubmissionsAreFastAgain() {
        for (int i = 0; i < 20; i++) {
            now.addAndGet(TARGET.toNanos());
            submissionTaking(Duration.ofSeconds(9), false);
        }
        assertThat(limit.current()).isEqualTo(4);

        int fast = 0;
        while (limit.current() < 32) {
            submissionTaking(Duration.ofMillis(300), false);
            fast++;
        }
        // About one more per limit's worth: 4 + 5 + ... + 31 fast submissions.
        assertThat(fast).isBetween(440, 540);
    }

    @Test
    void shouldRefuseEverythingWithACeilingOfZero() {
        AdmissionLimit closed = new AdmissionLimit(0, TARGET, now::get);
        closed.ended(now.get(), false);

        assertThat(closed.current()).isZero();
    }

    @Test
    void shouldRefuseANegativeCeilingOrANonPositiveTarget() {
        assertThatThrownBy(() -> new AdmissionLimit(-1, TARGET, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AdmissionLimit(8, Duration.ZERO, now::get)).isInstanceOf(IllegalArgumentException.class);
    }

    private void submissionTaking(Duration duration, boolean failed) {
        long start = now.get();
        now.addAndGet(duration.toNanos());
        limit.ended(start, failed);
    }
}
