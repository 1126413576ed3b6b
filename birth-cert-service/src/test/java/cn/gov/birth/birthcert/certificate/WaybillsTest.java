package cn.gov.birth.birthcert.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaybillsTest {

    @Test
    void shouldCarryTheUpuS10CheckDigitOfTheSerial() {
        assertThat(Waybills.number("RA", 47312482)).isEqualTo("RA473124829CN");
        assertThat(Waybills.number("EA", 1)).isEqualTo("EA000000014CN");
    }

    @Test
    void shouldWriteACheckOfTenAsZeroAndOfElevenAsFive() {
        // 00000008: weighted sum 56, 11 - 56 % 11 = 10; 00000015: sum 44, 11 - 0 = 11.
        assertThat(Waybills.number("EA", 8)).isEqualTo("EA000000080CN");
        assertThat(Waybills.number("EA", 15)).isEqualTo("EA000000155CN");
    }
}
