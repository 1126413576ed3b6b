package cn.gov.birth.hukou.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CitizenIdNumbersTest {

    @Test
    void shouldStartBoysOnOddAndGirlsOnEvenSequences() {
        assertThat(CitizenIdNumbers.firstSequence("1") % 2).isEqualTo(1);
        assertThat(CitizenIdNumbers.firstSequence("2") % 2).isZero();
    }

    @Test
    void shouldRefuseASexCodeOtherThanMaleOrFemale() {
        assertThatThrownBy(() -> CitizenIdNumbers.firstSequence("9")).isInstanceOf(IllegalArgumentException.class);
    }
}
