package cn.gov.birth.platform.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskTest {

    @Test
    void shouldKeepOnlyTheEndsOfAnIdNumber() {
        assertThat(Mask.idNumber("520102199403121220")).isEqualTo("5201**********1220");
    }

    @Test
    void shouldKeepOnlyAFirstCharacterAndTwoLastOfAPassportOrPermitNumber() {
        assertThat(Mask.idNumber("E12345678")).isEqualTo("E******78");
        assertThat(Mask.idNumber("H1234567801")).isEqualTo("H********01");
    }

    @Test
    void shouldHideTheMiddleOfAPhoneNumber() {
        assertThat(Mask.phone("13800138000")).isEqualTo("138****8000");
    }

    @Test
    void shouldKeepOnlyTheFirstCharacterOfAName() {
        assertThat(Mask.name("王芳")).isEqualTo("王*");
        assertThat(Mask.name("欧阳小明")).isEqualTo("欧***");
    }

    @Test
    void shouldNeverEchoShortOrMissingValues() {
        assertThat(Mask.idNumber("123")).isEqualTo("***");
        assertThat(Mask.phone(null)).isEqualTo("***");
        assertThat(Mask.name(null)).isEqualTo("*");
    }
}
