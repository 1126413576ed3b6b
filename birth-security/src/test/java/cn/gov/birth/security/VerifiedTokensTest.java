package cn.gov.birth.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void shouldReturnAVerifiedTokenUntilItExpiresAndNeverAfter() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10);
        tokens.put("abc", "jwt-abc", NOW.plusSeconds(60));

        assertThat(tokens.get("abc", NOW.plusSeconds(59))).isEqualTo("jwt-abc");
        assertThat(tokens.get("abc", NOW.plusSeconds(60))).isNull();
        assertThat(tokens.get("abc", NOW)).isNull();
        assertThat(tokens.get("abd", NOW)).isNull();
    }

    @Test
    void shouldKeepNoTokenWithoutExpiryAndStayWithinItsCapacity() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(2);
        tokens.put("forever", "jwt", null);
        tokens.put("a", "A", NOW.plusSeconds(60));
        tokens.put("b", "B", NOW.plusSeconds(60));
        tokens.put("c", "C", NOW.plusSeconds(60));

        assertThat(tokens.get("forever", NOW)).isNull();
        assertThat(tokens.get("c", NOW)).isEqualTo("C");
        assertThat(tokens.get("a", NOW)).isNull();
    }
}
