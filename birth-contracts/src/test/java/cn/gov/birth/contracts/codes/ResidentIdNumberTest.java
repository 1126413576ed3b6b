package cn.gov.birth.contracts.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTest {

    // ---------------------------------------------------------------- valid numbers

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "440524188001010014"})
    void shouldAcceptTheExamplesOfTheStandard(String number) {
        assertThat(ResidentIdNumber.isValid(number)).isTrue();
    }

    @Test
    void shouldComputeTheCheckCharacterOfTheStandardsExamplesIncludingX() {
        assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentIdNumber.checkCharacter("44052418800101001")).isEqualTo('4');
    }

    @Test
    void shouldReadTheBirthDateAndSexOfTheStandardsExamples() {
        assertThat(ResidentIdNumber.birthDate("11010519491231002X")).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(ResidentIdNumber.sex("11010519491231002X")).isEqualTo("2");
        assertThat(ResidentIdNumber.birthDate("440524188001010014")).isEqualTo(LocalDate.of(1880, 1, 1));
        assertThat(ResidentIdNumber.sex("440524188001010014")).isEqualTo("1");
    }

    @Test
    void shouldAcceptTheTwentyNinthOfFebruaryOfALeapYear() {
        String first17 = "52010220240229001";

        assertThat(ResidentIdNumber.isValid(first17 + ResidentIdNumber.checkCharacter(first17))).isTrue();
    }

    // ---------------------------------------------------------------- invalid numbers

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "110105194912310020", "440524188001010015", "44052418800101001X"})
    void shouldRejectAWrongCheckCharacter(String number) {
        assertThat(ResidentIdNumber.isValid(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491331002", "11010519490001002", "11010519491232002", "11010519490230002",
            "52010220250229001"})
    void shouldRejectAnImpossibleBirthDateEvenWithTheRightCheckCharacter(String first17) {
        String number = first17 + ResidentIdNumber.checkCharacter(first17);

        assertThat(ResidentIdNumber.isValid(number)).isFalse();
        assertThatThrownBy(() -> ResidentIdNumber.birthDate(number)).isInstanceOf(DateTimeException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"11010519491231002", "11010519491231002XX", "110105491231002", "11010519491231002x",
            "1101051949123100AX", "X10105194912310021", " 11010519491231002X", "11010519491231002X ",
            "１１０１０５１９４９１２３１００２Ｘ"})
    void shouldRejectWrongLengthsAndCharacters(String number) {
        assertThat(ResidentIdNumber.isValid(number)).isFalse();
    }

    @Test
    void shouldRefuseToComputeACheckCharacterFromAnythingButSeventeenDigits() {
        assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("1101051949123100"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("110105194912310021"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("1101051949123100A"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- building numbers

    @ParameterizedTest
    @CsvSource({
            "520102, 1990-01-01, 123, 1",
            "520102, 1994-03-12, 122, 2",
            "110105, 1949-12-31, 2, 2",
            "440524, 1880-01-01, 1, 1",
            "220102, 2026-11-20, 999, 1",
            "620102, 2024-02-29, 998, 2"})
    void shouldBuildValidNumbersThatReadBackTheirBirthDateAndSex(String division, LocalDate birthDate, int sequence,
                                                                String sex) {
        String number = ResidentIdNumber.of(division, birthDate, sequence);

        assertThat(number).hasSize(18)
                .startsWith(division + birthDate.toString().replace("-", "") + "%03d".formatted(sequence));
        assertThat(ResidentIdNumber.isValid(number)).isTrue();
        assertThat(ResidentIdNumber.birthDate(number)).isEqualTo(birthDate);
        assertThat(ResidentIdNumber.sex(number)).isEqualTo(sex);
    }

    @Test
    void shouldBuildTheStandardsExamples() {
        assertThat(ResidentIdNumber.of("110105", LocalDate.of(1949, 12, 31), 2)).isEqualTo("11010519491231002X");
        assertThat(ResidentIdNumber.of("440524", LocalDate.of(1880, 1, 1), 1)).isEqualTo("440524188001010014");
    }

    @Test
    void shouldGiveOddSequencesToMenAndEvenSequencesToWomen() {
        for (int sequence = 1; sequence <= 999; sequence++) {
            String number = ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), sequence);

            assertThat(ResidentIdNumber.sex(number)).as("sequence " + sequence).isEqualTo(sequence % 2 == 1 ? "1" : "2");
            assertThat(ResidentIdNumber.isValid(number)).as("sequence " + sequence).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1000})
    void shouldRefuseSequencesOutsideOneToNineHundredNinetyNine(int sequence) {
        assertThatThrownBy(() -> ResidentIdNumber.of("520102", LocalDate.of(2026, 1, 1), sequence))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"52010", "5201021", "52A102"})
    void shouldRefuseADivisionThatIsNotSixDigits(String division) {
        assertThatThrownBy(() -> ResidentIdNumber.of(division, LocalDate.of(2026, 1, 1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
