package cn.gov.birth.application.intake;

import static cn.gov.birth.application.intake.AcceptanceDecisionTest.guangxi;
import static cn.gov.birth.application.intake.AcceptanceDecisionTest.guizhou;
import static cn.gov.birth.application.intake.AcceptanceDecisionTest.household;
import static cn.gov.birth.application.intake.AcceptanceDecisionTest.parent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.web.ProblemException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PolicyLimitsTest {

    private final PolicyLimits limits = new PolicyLimits(new RegionPolicies());

    @Test
    void shouldRefuseAGuangxiFormRegisteringTheBirthOutsideZiyuanCountyNamingTheCounty() {
        ObjectNode form = guangxi(f -> parent(f, "father").put("householdDivision", "450302"));

        assertThatThrownBy(() -> limits.check(request(form)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertUnprocessable(e, "资源县"))
                .hasMessageContaining("450329");
    }

    @Test
    void shouldTakeAGuangxiFormSettlingWithTheZiyuanParentWhenTheOtherLivesElsewhereInGuangxi() {
        ObjectNode form = guangxi(f -> {
            parent(f, "father").put("householdDivision", "450302");
            household(f).put("settleWith", "MOTHER");
        });

        assertThatCode(() -> limits.check(request(form))).doesNotThrowAnyException();
    }

    @Test
    void shouldLeaveAHouseholdOutsideTheProvinceToTheAcceptanceConditions() {
        ObjectNode form = guangxi(f -> parent(f, "father").put("householdDivision", "520102"));

        assertThatCode(() -> limits.check(request(form))).doesNotThrowAnyException();
    }

    @Test
    void shouldTakeAnywhereInTheProvinceWhereThePolicyNamesTheProvince() {
        ObjectNode form = guizhou(f -> parent(f, "father").put("householdDivision", "522701"));

        assertThatCode(() -> limits.check(request(form))).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseAGuangxiFatherCollectingTheCertificateWithoutTheMothersAuthorization() {
        ObjectNode form = guangxi(f -> delivery(f).put("birthCertificateCollector", "FATHER"));

        assertThatThrownBy(() -> limits.check(request(form)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertUnprocessable(e, "授权委托书"));
    }

    @Test
    void shouldLetAGuangxiFatherCollectWithTheMothersAuthorizationOrTheCertificateBeMailed() {
        ObjectNode authorized = guangxi(f -> delivery(f).put("birthCertificateCollector", "FATHER")
                .put("collectionAuthorizationDocumentId", "AUTH-MOTHER-1"));
        ObjectNode mailed = guangxi(f -> delivery(f).put("birthCertificateCollector", "FATHER")
                .put("birthCertificate", "MAIL"));

        assertThatCode(() -> limits.check(request(authorized))).doesNotThrowAnyException();
        assertThatCode(() -> limits.check(request(mailed))).doesNotThrowAnyException();
    }

    @Test
    void shouldLetAGuizhouFatherCollectWithoutAnAuthorization() {
        ObjectNode form = guizhou(f -> delivery(f).put("birthCertificateCollector", "FATHER"));

        assertThatCode(() -> limits.check(request(form))).doesNotThrowAnyException();
    }

    private static void assertUnprocessable(ProblemException e, String named) {
        assertThat(e.status().value()).isEqualTo(422);
        assertThat(e.getMessage()).contains(named);
    }

    private static ObjectNode delivery(ObjectNode form) {
        return (ObjectNode) form.get("delivery");
    }

    private static ApplicationRequest request(ObjectNode form) {
        return JsonHttp.JSON.convertValue(form, ApplicationRequest.class);
    }
}
