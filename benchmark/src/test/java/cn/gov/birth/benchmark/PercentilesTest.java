package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldGiveNearestRankPercentiles() {
        Percentiles latencies = new Percentiles();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(Duration.ofMillis(ms));
        }

        assertThat(latencies.at(50)).isEqualTo(Duration.ofMillis(50));
        assertThat(latencies.at(95)).isEqualTo(Duration.ofMillis(95));
        assertThat(latencies.at(99)).isEqualTo(Duration.ofMillis(99));
        assertThat(latencies.at(100)).isEqualTo(Duration.ofMillis(100));
        assertThat(latencies.summary()).isEqualTo("n=100 p50=50ms p95=95ms p99=99ms max=100ms");
    }

    @Test
    void shouldReportZeroWithoutSamples() {
        assertThat(new Percentiles().at(99)).isEqualTo(Duration.ZERO);
    }
}
