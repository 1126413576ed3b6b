package cn.gov.birth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.extension.Parameters;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SignedCallbackTest {

    private static final Parameters PAYMENT = Parameters.from(Map.of("kind", "payment", "delayMs", 1500));

    @Test
    void shouldWaitAsTheMappingSaysUnlessTheDelayIsSetForEveryCallback() {
        assertThat(SignedCallback.delay(PAYMENT, SignedCallback.delayOverride(null))).isEqualTo(1500);
        assertThat(SignedCallback.delay(PAYMENT, SignedCallback.delayOverride(" "))).isEqualTo(1500);
        assertThat(SignedCallback.delay(PAYMENT, SignedCallback.delayOverride("0"))).isZero();
        assertThat(SignedCallback.delay(PAYMENT, OptionalLong.of(20))).isEqualTo(20);
        assertThat(SignedCallback.delay(Parameters.from(Map.of("kind", "card")), OptionalLong.empty())).isZero();
    }

    @Test
    void shouldRefuseANegativeDelay() {
        assertThatThrownBy(() -> SignedCallback.delayOverride("-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SignedCallback.DELAY_PROPERTY);
    }

    @Test
    void shouldCallBackAgainAfterOneTwoAndFourSecondsWhileUnansweredOrRefusedForNow() {
        assertThat(SignedCallback.again(1, 0)).contains(Duration.ofSeconds(1));
        assertThat(SignedCallback.again(2, 503)).contains(Duration.ofSeconds(2));
        assertThat(SignedCallback.again(3, 429)).contains(Duration.ofSeconds(4));
        assertThat(SignedCallback.again(4, 503)).isEmpty();
        assertThat(SignedCallback.again(1, 200)).isEmpty();
        assertThat(SignedCallback.again(1, 409)).isEmpty();
    }
}
