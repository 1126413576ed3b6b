package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmissionsTest {

    @Test
    void shouldGroupAnswersByStatusAndCountRetryAfter() {
        Submissions submissions = new Submissions();
        submissions.record("201", Duration.ofMillis(40), false);
        submissions.record("201", Duration.ofMillis(60), false);
        submissions.record("429", Duration.ofMillis(5), true);
        submissions.record("503", Duration.ofMillis(7), false);
        submissions.record("409", Duration.ofMillis(30), false);
        submissions.record("HttpTimeoutException", Duration.ofSeconds(30), false);

        assertThat(submissions.total()).isEqualTo(6);
        assertThat(submissions.count("201")).isEqualTo(2);
        assertThat(submissions.others()).isEqualTo(Map.of("409", 1, "HttpTimeoutException", 1));
        assertThat(submissions.otherCount()).isEqualTo(2);
        assertThat(submissions.lines()).containsExactly(
                "  201   n=2 p50=40ms p99=60ms",
                "  429   n=1 p50=5ms p99=5ms, Retry-After on 1 of 1",
                "  503   n=1 p50=7ms p99=7ms, Retry-After on 0 of 1",
                "  other n=2 p50=30ms p99=30000ms {409=1, HttpTimeoutException=1}");
    }
}
