package cn.gov.birth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.extension.Parameters;
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
}
