package cn.gov.birth.contracts.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodesTest {

    @Test
    void shouldKnowEveryProvinceLevelDivision() {
        long provinces = Codes.DIVISIONS.codes().stream()
                .filter(code -> Codes.DIVISIONS.value(code, "level").orElseThrow().equals("PROVINCE")).count();

        assertThat(provinces).isEqualTo(34);
        assertThat(Codes.DIVISIONS.name("520000")).contains("贵州省");
        assertThat(Codes.DIVISIONS.name("450000")).contains("广西壮族自治区");
        assertThat(Codes.DIVISIONS.contains("810000")).isTrue();
    }

    @Test
    void shouldKnowTheCountiesOfTheFourPolicyRegions() {
        assertThat(Codes.DIVISIONS.name("520102")).contains("南明区");
        assertThat(Codes.DIVISIONS.name("620102")).contains("城关区");
        assertThat(Codes.DIVISIONS.name("450329")).contains("资源县");
        assertThat(Codes.DIVISIONS.name("220102")).contains("南关区");
        assertThat(Codes.isCounty("520102")).isTrue();
        assertThat(Codes.isCounty("520100")).isFalse();
        assertThat(Codes.isCounty("520000")).isFalse();
        assertThat(Codes.provinceOf("450329")).isEqualTo("450000");
    }

    @Test
    void shouldTreatACityWithoutCountiesAsWherePeopleRegister() {
        assertThat(Codes.DIVISIONS.name("441900")).contains("东莞市");
        assertThat(Codes.isCounty("441900")).isTrue();
    }

    @Test
    void shouldRejectUnknownDivisions() {
        assertThat(Codes.DIVISIONS.contains("999999")).isFalse();
        assertThat(Codes.DIVISIONS.contains("52010")).isFalse();
        assertThat(Codes.isCounty("529999")).isFalse();
        assertThatThrownBy(() -> Codes.provinceOf("999999")).hasMessageContaining("999999");
    }

    @Test
    void shouldHaveFiftySixEthnicitiesAndTheTwoSpecialCodes() {
        assertThat(Codes.ETHNICITIES.size()).isEqualTo(58);
        assertThat(Codes.ETHNICITIES.name("01")).contains("汉族");
        assertThat(Codes.ETHNICITIES.name("08")).contains("壮族");
        assertThat(Codes.ETHNICITIES.name("56")).contains("基诺族");
        assertThat(Codes.ETHNICITIES.contains("57")).isFalse();
        assertThat(Codes.ETHNICITIES.name("98")).contains("外国血统中国籍人士");
    }

    @Test
    void shouldNameTheSexesOfGbT22611() {
        assertThat(Codes.SEXES.codes()).containsExactlyInAnyOrder("0", "1", "2", "9");
        assertThat(Codes.SEXES.name("2")).contains("女性");
    }

    @Test
    void shouldNameFamilyRelationsOfANewbornToTheHead() {
        assertThat(Codes.FAMILY_RELATIONS.name("20")).contains("子");
        assertThat(Codes.FAMILY_RELATIONS.name("30")).contains("女");
        assertThat(Codes.FAMILY_RELATIONS.name("41")).contains("孙子");
        assertThat(Codes.FAMILY_RELATIONS.name("44")).contains("外孙女");
        assertThat(Codes.FAMILY_RELATIONS.contains("19")).isFalse();
    }

    @Test
    void shouldKnowCountriesByAlpha3() {
        assertThat(Codes.COUNTRIES.name("CHN")).contains("中国");
        assertThat(Codes.COUNTRIES.name("TWN")).contains("中国台湾");
        assertThat(Codes.COUNTRIES.value("USA", "alpha2")).contains("US");
        assertThat(Codes.COUNTRIES.size()).isGreaterThan(240);
        assertThat(Codes.COUNTRIES.contains("china")).isFalse();
    }

    @Test
    void shouldRejectADuplicateCodeWhenLoading() {
        assertThatThrownBy(() -> CodeTable.load("codes-test/duplicate.csv"))
                .hasMessageContaining("codes-test/duplicate.csv").hasMessageContaining("line 4")
                .hasMessageContaining("01");
    }

    @Test
    void shouldNotContainNull() {
        assertThat(Codes.DIVISIONS.contains(null)).isFalse();
        assertThat(Codes.COUNTRIES.name(null)).isEmpty();
    }
}
