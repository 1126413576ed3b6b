package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void shouldSpaceSubmissionsEvenlyFromTheStartToJustBeforeTheEnd() {
        Schedule schedule = new Schedule(20, Duration.ofSeconds(60));

        assertThat(schedule.size()).isEqualTo(1200);
        assertThat(schedule.dueNanos(0)).isZero();
        assertThat(schedule.dueNanos(1)).isEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(schedule.dueNanos(1199)).isEqualTo(Duration.ofMillis(59_950).toNanos());
    }

    @Test
    void shouldRoundTheCountDownButNotLoseOneToFloatingPoint() {
        assertThat(new Schedule(0.1, Duration.ofSeconds(30)).size()).isEqualTo(3);
        assertThat(new Schedule(3, Duration.ofMillis(500)).size()).isEqualTo(1);
        assertThat(new Schedule(7, Duration.ofSeconds(1)).dueNanos(3)).isEqualTo(428_571_429);
    }

    @Test
    void shouldRefuseANonPositiveRate() {
        assertThatThrownBy(() -> new Schedule(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
