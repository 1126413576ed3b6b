package cn.gov.birth.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final BlindIndex INDEX = new BlindIndex("key of thirty-two bytes for tests".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldIndexTheSameIdNumberAlikeWhateverTheCaseOfItsCheckCharacter() {
        assertThat(INDEX.idNumber("52010219940312002x")).isEqualTo(INDEX.idNumber(" 52010219940312002X"));
        assertThat(INDEX.idNumber("520102199403120026")).isNotEqualTo(INDEX.idNumber("520102199403120034"));
        assertThat(INDEX.idNumber("520102199403120026")).doesNotContain("520102");
    }

    @Test
    void shouldGiveAnotherIndexUnderAnotherKeyAndRefuseAShortKey() {
        BlindIndex other = new BlindIndex("another key of thirty-two bytes!".getBytes(StandardCharsets.UTF_8));

        assertThat(other.idNumber("520102199403120026")).isNotEqualTo(INDEX.idNumber("520102199403120026"));
        assertThatThrownBy(() -> new BlindIndex(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
