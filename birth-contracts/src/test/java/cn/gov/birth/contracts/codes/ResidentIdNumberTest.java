package cn.gov.birth.contracts.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

    @Test
    void shouldAcceptTheStandardsExamples() {
        assertThat(ResidentIdNumber.isValid("11010519491231002X")).isTrue();
        assertThat(ResidentIdNumber.isValid("440524188001010014")).isTrue();
    }

    @Test
    void shouldComputeTheCheckCharacterIncludingX() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void shouldRejectAWrongCheckCharacter() {
        assertThat(ResidentIdNumber.isValid("110105194912310021")).isFalse();
    }

    @Test
    void shouldRejectAnImpossibleBirthDate() {
        String first17 = "11010519491331002";
        assertThat(ResidentIdNumber.isValid(first17 + ResidentIdNumber.checkCharacter(first17))).isFalse();
    }

    @Test
    void shouldRejectWrongLengthsAndCharacters() {
        assertThat(ResidentIdNumber.isValid(null)).isFalse();
        assertThat(ResidentIdNumber.isValid("11010519491231002")).isFalse();
        assertThat(ResidentIdNumber.isValid("11010519491231002x")).isFalse();
        assertThat(ResidentIdNumber.isValid("1101051949123100AX")).isFalse();
    }

    @Test
    void shouldBuildValidNumbersThatEncodeBirthDateAndSex() {
        String boy = ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), 1);
        String girl = ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), 998);

        assertThat(boy).startsWith("52010220261120001").matches(ResidentIdNumber::isValid);
        assertThat(girl).startsWith("52010220261120998").matches(ResidentIdNumber::isValid);
        assertThat(ResidentIdNumber.sex(boy)).isEqualTo("1");
        assertThat(ResidentIdNumber.sex(girl)).isEqualTo("2");
        assertThat(ResidentIdNumber.birthDate(boy)).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void shouldRefuseSequencesOutsideOneToNineHundredNinetyNine() {
        assertThatThrownBy(() -> ResidentIdNumber.of("520102", LocalDate.of(2026, 1, 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.of("520102", LocalDate.of(2026, 1, 1), 1000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
