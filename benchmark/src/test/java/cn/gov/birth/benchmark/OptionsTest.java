package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void shouldTakeOptionsOverDefaultsAndRefuseUnknownOnes() {
        Map<String, String> defaults = Map.of("--concurrency", "8", "--limit", "10");

        assertThat(Options.parse(new String[] {"--concurrency", "32"}, defaults))
                .containsEntry("--concurrency", "32").containsEntry("--limit", "10");
        assertThatThrownBy(() -> Options.parse(new String[] {"--threads", "4"}, defaults))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--concurrency");
    }
}
