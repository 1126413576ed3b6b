package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static Plan plan(String... args) {
        return Plan.of(Options.parse(args, Plan.DEFAULTS));
    }

    @Test
    void shouldRunTheClosedLoopAsBeforeWhenGivenOnlyConcurrencyAndLimit() {
        Plan plan = plan("--concurrency", "16", "--limit", "500");

        assertThat(plan.openLoop()).isFalse();
        assertThat(plan.awaitFinal()).isTrue();
        assertThat(plan.concurrency()).isEqualTo(16);
        assertThat(plan.families()).isEqualTo(500);
        assertThat(plan.duration()).isZero();
        assertThat(plan.skip()).isEqualTo(1);
        assertThat(plan.timeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void shouldPostBackToBackWhenTheClosedLoopHasADuration() {
        Plan plan = plan("--concurrency", "16", "--duration", "30");

        assertThat(plan.awaitFinal()).isFalse();
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan("--concurrency", "16", "--duration", "30", "--await", "final").awaitFinal()).isTrue();
        assertThat(plan("--concurrency", "16", "--await", "response").awaitFinal()).isFalse();
    }

    @Test
    void shouldNeedRateTimesDurationFamiliesInOpenLoop() {
        Plan plan = plan("--rate", "20", "--duration", "60");

        assertThat(plan.openLoop()).isTrue();
        assertThat(plan.awaitFinal()).isFalse();
        assertThat(plan.families()).isEqualTo(1200);
        assertThat(plan.describe()).isEqualTo("open loop: 20 applications/s for 60 s");
    }

    @Test
    void shouldFollowWithTheLastETagUnlessToldOff() {
        assertThat(plan("--concurrency", "16").conditional()).isTrue();
        assertThat(plan("--concurrency", "16", "--etag", "off").conditional()).isFalse();
        assertThatThrownBy(() -> plan("--etag", "sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("on or off");
    }

    @Test
    void shouldFollowEachApplicationOnItsStatusStreamUnlessToldToPoll() {
        assertThat(plan("--concurrency", "16").live()).isTrue();
        assertThat(plan("--concurrency", "16", "--follow", "poll").live()).isFalse();
        assertThatThrownBy(() -> plan("--follow", "carrier-pigeon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream or poll");
    }

    @Test
    void shouldRefuseARateWithoutADurationAndOtherNonsense() {
        assertThatThrownBy(() -> plan("--rate", "20")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> plan("--rate", "20", "--duration", "60", "--await", "final"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closed loop");
        assertThatThrownBy(() -> plan("--await", "sometimes")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("final or response");
        assertThatThrownBy(() -> plan("--rate", "fast", "--duration", "60"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rate takes a number");
        assertThatThrownBy(() -> plan("--concurrency", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan("--rate", "-1", "--duration", "60")).isInstanceOf(IllegalArgumentException.class);
    }
}
