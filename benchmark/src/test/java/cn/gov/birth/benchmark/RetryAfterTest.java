package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void shouldWaitTheSecondsA429Or503Asks() {
        assertThat(RetryAfter.of(503, Optional.of("1"), NOW)).contains(Duration.ofSeconds(1));
        assertThat(RetryAfter.of(429, Optional.of(" 12 "), NOW)).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.of(503, Optional.of("0"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldWaitUntilAnHttpDateAndNotAtAllWhenItIsPast() {
        assertThat(RetryAfter.of(503, Optional.of("Thu, 3 Dec 2026 10:00:05 GMT"), NOW))
                .contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.of(503, Optional.of("Thu, 3 Dec 2026 09:59:00 GMT"), NOW)).contains(Duration.ZERO);
    }

    @Test
    void shouldNotAskAgainWithoutAReadableRetryAfterOrForOtherAnswers() {
        assertThat(RetryAfter.of(503, Optional.empty(), NOW)).isEmpty();
        assertThat(RetryAfter.of(503, Optional.of("soon"), NOW)).isEmpty();
        assertThat(RetryAfter.of(503, Optional.of("-1"), NOW)).isEmpty();
        assertThat(RetryAfter.of(400, Optional.of("1"), NOW)).isEmpty();
        assertThat(RetryAfter.of(500, Optional.of("1"), NOW)).isEmpty();
    }
}
