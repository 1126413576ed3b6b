package cn.gov.birth.application.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Item;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionPoliciesTest {

    /** The one service centre of the valid policy, a line of its {@code serviceCentres}. */
    private static final String CENTRE = """
              - {code: 530102-ZWFW, name: 昆明市五华区政务服务中心, address: 五华区政务服务中心一楼, hours: 工作日9:00-17:00, phone: "12345"}
            """;

    private static final String VALID = """
            region: "530000"
            name: 云南省
            items: [BIRTH_CERT, HUKOU]
            channels: [ONLINE, WINDOW]
            serviceCentres:
            """ + CENTRE + """
            applicants: [MOTHER]
            registrationPeriod: P1M
            households: ["53"]
            householdRule: ANY_PARENT
            maritalBirthOnly: true
            chineseCitizensOnly: true
            differentEthnicity: NOT_ACCEPTED
            birthCertificateRequired: false
            namedNewbornRequired: true
            timeLimits: {HUKOU: 2}
            settlement: {householdTypes: [FAMILY], settleWithSpouse: [SERVICEMAN]}
            materials:
              - {code: APPLICATION_FORM, name: 申请表, items: [BIRTH_CERT, HUKOU], medium: 原件, copies: 1, field: SIGNED_FORM}
            jurisdiction: {division: "530100", name: 昆明市}
            guide:
              officeHours: 工作日
              places: [{name: 政务服务中心, purpose: 线下办理}]
              phones: [{name: 政务服务便民热线, number: "12345"}]
              supervision: [12345政务服务便民热线]
              legalBasis: [《中华人民共和国户口登记条例》第七条]
            """;

    @Test
    void shouldShipThePoliciesOfTheFourRegions() {
        RegionPolicies policies = new RegionPolicies();

        assertThat(policies.regions()).containsExactlyInAnyOrder("520000", "620000", "450000", "220000");
        assertThat(policies.of("220000").orElseThrow().items()).doesNotContain(Item.VACCINATION);
        assertThat(policies.of("220000").orElseThrow().grantedAtHospital())
                .containsOnlyKeys(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT);
        assertThat(policies.of("450000").orElseThrow().timeLimits()).containsEntry(Item.SOCIAL_SECURITY_CARD, 30);
    }

    @Test
    void shouldNameEachPolicysAreaAtTheLevelItNamesIt() {
        RegionPolicies policies = new RegionPolicies();
        var ziyuan = policies.of("450000").orElseThrow().jurisdiction();
        var guizhou = policies.of("520000").orElseThrow().jurisdiction();
        var kunming = parse("530000.yml", VALID).jurisdiction();

        assertThat(ziyuan.name()).isEqualTo("资源县");
        assertThat(ziyuan.contains("450329")).isTrue();
        assertThat(ziyuan.contains("450302")).isFalse();
        assertThat(kunming.prefix()).isEqualTo("5301");
        assertThat(kunming.contains("530102")).isTrue();
        assertThat(kunming.contains("530302")).isFalse();
        assertThat(guizhou.prefix()).isEqualTo("52");
        assertThat(guizhou.contains("522701")).isTrue();
    }

    @Test
    void shouldStopOnAnAreaOutsideTheRegionsProvince() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("division: \"530100\"", "division: \"520100\"")))
                .hasMessageContaining("530000.yml").hasMessageContaining("jurisdiction.division must be in the region's province");
    }

    @Test
    void shouldStopOnAGuideWithoutThe12345HotlineOrWithAPhoneThatIsNoNumber() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("supervision: [12345政务服务便民热线]",
                "supervision: [现场投诉]"))).hasMessageContaining("12345");
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("number: \"12345\"", "number: 热线")))
                .hasMessageContaining("guide.phones");
    }

    @Test
    void shouldStopOnAnApplicantTheGuideCannotName() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("applicants: [MOTHER]", "applicants: [MOTHER, UNCLE]")))
                .hasMessageContaining("applicants must be among");
    }

    @Test
    void shouldStopOnACollectionRuleWhereTheMotherMayNotCollect() {
        assertThatThrownBy(() -> parse("530000.yml", VALID
                + "certificateCollection: {collectors: [FATHER], withMotherAuthorization: [FATHER]}\n"))
                .hasMessageContaining("certificateCollection");
    }

    @Test
    void shouldAcceptAFifthRegionThatIsJustAFile() {
        RegionPolicy policy = parse("530000.yml", VALID);

        assertThat(policy.name()).isEqualTo("云南省");
        assertThat(policy.timeLimits()).containsEntry(Item.HUKOU, 2);
    }

    @Test
    void shouldStopOnAPolicyThatSaysNoWayToFile() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("channels: [ONLINE, WINDOW]\n", "")))
                .hasMessageContaining("530000.yml").hasMessageContaining("channels");
    }

    @Test
    void shouldStopOnAnUnknownFieldNamingTheFile() {
        assertThatThrownBy(() -> parse("530000.yml", VALID + "maritalOnly: true\n"))
                .hasMessageContaining("530000.yml").hasMessageContaining("malformed");
    }

    @Test
    void shouldStopOnAnUnknownRule() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("NOT_ACCEPTED", "MAYBE")))
                .hasMessageContaining("530000.yml");
    }

    @Test
    void shouldStopWhenAnItemIsOfferedWithoutWhatItNeeds() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("[BIRTH_CERT, HUKOU]", "[HUKOU]")))
                .hasMessageContaining("HUKOU is offered without BIRTH_CERT");
    }

    @Test
    void shouldStopWhenTheFileNameDoesNotMatchTheRegion() {
        assertThatThrownBy(() -> parse("520000.yml", VALID)).hasMessageContaining("must be named 530000.yml");
    }

    @Test
    void shouldStopWhenATimeLimitIsGivenForAnItemNotOffered() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("{HUKOU: 2}", "{SOCIAL_SECURITY_CARD: 2}")))
                .hasMessageContaining("not offered");
    }

    @Test
    void shouldStopWhenAMaterialServesAnItemNotOffered() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("items: [BIRTH_CERT, HUKOU], medium",
                "items: [VACCINATION], medium"))).hasMessageContaining("APPLICATION_FORM serves an item");
    }

    @Test
    void shouldStopWhenARequiredRuleIsMissing() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("registrationPeriod: P1M\n", "")))
                .hasMessageContaining("registrationPeriod");
    }

    @Test
    void shouldStopWhenTheEthnicityRuleNeedsAMaterialThePolicyDoesNotList() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("differentEthnicity: NOT_ACCEPTED",
                "differentEthnicity: CONFIRMATION"))).hasMessageContaining("PARENTS_ETHNICITIES_DIFFER");
    }

    @Test
    void shouldStopWhenInsuranceIsOfferedWithoutItsYears() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("[BIRTH_CERT, HUKOU]\n",
                "[BIRTH_CERT, HUKOU, MEDICAL_INSURANCE]\n"))).hasMessageContaining("insurance.years");
    }

    @Test
    void shouldStopWhenAHouseholdKindIsBothAcceptedAndSentToTheSpouse() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("settleWithSpouse: [SERVICEMAN]",
                "settleWithSpouse: [FAMILY]"))).hasMessageContaining("settleWithSpouse");
    }

    @Test
    void shouldLetAFamilyTickAnItemGrantedAtTheHospitalAndSayWhereToCollectIt() {
        RegionPolicy policy = parse("530000.yml", VALID + "grantedAtHospital: {VACCINATION: 出生的助产机构}\n");

        assertThat(policy.grantedAtHospital()).containsEntry(Item.VACCINATION, "出生的助产机构");
        assertThat(policy.accepts(Item.VACCINATION)).isTrue();
        assertThat(policy.accepts(Item.MATERNITY_REIMBURSEMENT)).isFalse();
    }

    @Test
    void shouldStopWhenAnItemIsBothOfferedAndGrantedAtTheHospital() {
        assertThatThrownBy(() -> parse("530000.yml", VALID + "grantedAtHospital: {HUKOU: 出生的助产机构}\n"))
                .hasMessageContaining("530000.yml").hasMessageContaining("HUKOU is both offered and granted");
    }

    @Test
    void shouldStopWhenAnItemGrantedAtTheHospitalSaysNoPlace() {
        assertThatThrownBy(() -> parse("530000.yml", VALID + "grantedAtHospital: {VACCINATION: \" \"}\n"))
                .hasMessageContaining("grantedAtHospital.VACCINATION must say where");
    }

    @Test
    void shouldStopOnAFormPartThatDoesNotExist() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace("field: SIGNED_FORM", "field: SIGNATURE")))
                .hasMessageContaining("530000.yml");
    }

    @Test
    void shouldNameEachRegionsServiceCentresWithWhereWhenAndHowToReachThem() {
        RegionPolicies policies = new RegionPolicies();

        for (String region : policies.regions()) {
            RegionPolicy policy = policies.of(region).orElseThrow();
            assertThat(policy.serviceCentres()).as(region).isNotEmpty().allSatisfy(centre ->
                    assertThat(List.of(centre.name(), centre.address(), centre.hours(), centre.phone()))
                            .doesNotContainNull());
        }
        assertThat(policies.of("520000").orElseThrow().serviceCentre("520102-ZWFW")).get()
                .extracting(RegionPolicy.ServiceCentre::name).isEqualTo("贵阳市南明区政务服务中心");
    }

    @Test
    void shouldStopWhenARegionWithWindowsNamesNoServiceCentre() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace(CENTRE, "")))
                .hasMessageContaining("530000.yml").hasMessageContaining("serviceCentres must list");
    }

    @Test
    void shouldStopOnAServiceCentreWithoutHoursOrListedTwice() {
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace(", hours: 工作日9:00-17:00", "")))
                .hasMessageContaining("service centre 530102-ZWFW needs");
        assertThatThrownBy(() -> parse("530000.yml", VALID.replace(CENTRE, CENTRE + CENTRE)))
                .hasMessageContaining("service centre 530102-ZWFW is listed twice");
    }

    private static RegionPolicy parse(String file, String yaml) {
        return RegionPolicies.parse(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
