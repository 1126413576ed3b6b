package cn.gov.birth.application.intake;

import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.ApplicationRequest;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.application.core.Acceptance.Notice;
import cn.gov.birth.application.core.Acceptance.Outcome;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.test.JsonHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The single window's decision for each of the four regions, case by case. Expectations are
 * written from the seeds (the regions' plans and guides): the exclusions and conditions each
 * region states, with at least one accepted and one refused case for each. Today is 2026-11-25.
 */
class AcceptanceDecisionTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-25T04:00:00Z"), ZoneOffset.UTC);
    private final AcceptanceDecision decision = new AcceptanceDecision(new RegionPolicies(), TODAY);

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldDecideAsTheRegionsDocumentsSay(String name, ObjectNode form, Outcome outcome, List<String> codes) {
        ApplicationRequest request = JsonHttp.JSON.convertValue(form, ApplicationRequest.class);

        Acceptance acceptance = decision.decide(request, Item.withDependencies(request.items()));

        assertThat(acceptance.outcome()).as(name).isEqualTo(outcome);
        List<Notice> notices = outcome == Outcome.NEEDS_SUPPLEMENT ? acceptance.missing() : acceptance.reasons();
        assertThat(notices.stream().map(Notice::code).toList()).as(name).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(notices).allSatisfy(n -> assertThat(n.message()).isNotBlank());
    }

    @Test
    void shouldOfferGansusNextInsuredYearOnlyToChildrenBornFromOctober() {
        ObjectNode september = gansu(f -> {
            newborn(f).put("birthTime", "2026-09-30T23:30:00+08:00");
            ((ObjectNode) f.get("insurance")).putArray("years").add("NEXT");
        });
        ObjectNode october = gansu(f -> {
            newborn(f).put("birthTime", "2026-10-01T00:30:00+08:00");
            ((ObjectNode) f.get("insurance")).putArray("years").add("NEXT");
        });

        Acceptance refused = decideOn(september, "2026-10-15T04:00:00Z");
        Acceptance accepted = decideOn(october, "2026-10-15T04:00:00Z");

        assertThat(refused.outcome()).isEqualTo(Outcome.NEEDS_SUPPLEMENT);
        assertThat(refused.missing()).extracting(Notice::code).containsExactly("INSURANCE_SECTION");
        assertThat(refused.missing().getFirst().message()).contains("10月1日至12月31日出生");
        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    private static Acceptance decideOn(ObjectNode form, String now) {
        var decision = new AcceptanceDecision(new RegionPolicies(), Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        ApplicationRequest request = JsonHttp.JSON.convertValue(form, ApplicationRequest.class);
        return decision.decide(request, Item.withDependencies(request.items()));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // Guizhou: 申请条件 and the five 暂不纳入情形.
                accepted("Guizhou: married Han parents, born and registered in Guizhou", guizhou()),
                accepted("Guizhou: only the father's household is in the province",
                        guizhou(f -> parent(f, "mother").put("householdDivision", "620102"))),
                refused("Guizhou 1: newborn not named", guizhou(f -> newborn(f).putNull("givenName")),
                        "NEWBORN_UNNAMED"),
                refused("Guizhou 2: neither parent's household in the province", guizhou(f -> {
                    parent(f, "mother").put("householdDivision", "620102");
                    parent(f, "father").put("householdDivision", "620102");
                }), "NO_PARENT_HOUSEHOLD_IN_REGION"),
                refused("Guizhou 3: divorced parents", guizhou(f -> marriage(f, "DIVORCED")),
                        "NON_MARITAL_OR_SINGLE_PARENT"),
                refused("Guizhou 3: single mother", guizhou(f -> {
                    f.remove("father");
                    household(f).put("settleWith", "MOTHER");
                }), "NON_MARITAL_OR_SINGLE_PARENT"),
                refused("Guizhou 4: the father is a Hong Kong resident", guizhou(f ->
                        parent(f, "father").put("idType", "HMT_PERMIT").put("idNumber", "H12345678")),
                        "PARENT_NOT_ELIGIBLE_NATIONALITY"),
                refused("Guizhou 4: the father is a foreigner", guizhou(f ->
                        parent(f, "father").put("idType", "PASSPORT").put("idNumber", "E12345678")
                                .put("nationality", "USA")), "PARENT_NOT_ELIGIBLE_NATIONALITY"),
                refused("Guizhou 5: parents of different ethnicities", guizhou(f ->
                        parent(f, "father").put("ethnicity", "06")), "PARENTS_DIFFERENT_ETHNICITY"),
                refused("Guizhou: born outside the province", guizhou(f ->
                        newborn(f).put("birthDivision", "530102")), "NOT_BORN_IN_REGION"),
                refused("Guizhou: household registration only within one year of birth", guizhou(f ->
                        newborn(f).put("birthTime", "2025-11-20T08:30:00+08:00")), "REGISTRATION_PERIOD_EXPIRED"),
                accepted("Guizhou: one day short of a year", guizhou(f ->
                        newborn(f).put("birthTime", "2025-11-26T08:30:00+08:00"))),
                refused("Guizhou: a grandparent may not apply", guizhou(f -> applicant(f, "GRANDPARENT")),
                        "APPLICANT_NOT_ALLOWED"),
                refused("Guizhou: every reason at once", guizhou(f -> {
                    newborn(f).putNull("givenName");
                    parent(f, "father").put("ethnicity", "06");
                    marriage(f, "UNMARRIED");
                }), "NEWBORN_UNNAMED", "PARENTS_DIFFERENT_ETHNICITY", "NON_MARITAL_OR_SINGLE_PARENT"),
                supplement("Guizhou: household and card sections missing, told at once", guizhou(f -> {
                    f.remove("household");
                    f.remove("socialSecurityCard");
                }), "HOUSEHOLD_SECTION", "CARD_BANK"),
                supplement("Guizhou 申请材料: the marriage certificate and the father's household register, told at once",
                        guizhou(f -> materials(f, "MOTHER_HOUSEHOLD_REGISTER", "GUARDIAN_ID_CARD")),
                        "MARRIAGE_CERTIFICATE", "FATHER_HOUSEHOLD_REGISTER"),
                accepted("Guizhou 申请材料: the vaccination certificate alone needs only the signed form", guizhou(f -> {
                    f.putArray("items").add("VACCINATION");
                    f.putArray("materials");
                })),
                supplement("Guizhou 申请材料: a certificate already issued is brought for household registration",
                        guizhou(f -> newborn(f).put("birthCertificateNumber", "Q520000123")), "BIRTH_CERTIFICATE"),
                supplement("Guizhou 手工报销: a manual maternity claim needs its papers and a complete bank account",
                        guizhou(f -> f.putObject("reimbursement").put("bankName", "中国工商银行")),
                        "INSURANCE_VOUCHER", "HOSPITAL_RECEIPTS", "DISCHARGE_RECORD", "BANK_ACCOUNT"),
                accepted("Guizhou 手工报销: a manual maternity claim with everything", guizhou(f -> {
                    f.putObject("reimbursement").put("bankName", "中国工商银行").put("accountNumber", "6222020200001234567")
                            .put("accountHolder", "王芳");
                    addMaterials(f, "INSURANCE_VOUCHER", "HOSPITAL_RECEIPTS", "DISCHARGE_RECORD");
                })),
                refused("Guizhou 资格条件 2: settling in a collective household, not a family household", guizhou(f ->
                        parent(f, "father").put("householdType", "UNIT_COLLECTIVE")), "HOUSEHOLD_TYPE_NOT_ELIGIBLE"),
                supplement("Guizhou: a serviceman's child settles with the civilian parent", guizhou(f ->
                        parent(f, "father").put("householdType", "SERVICEMAN")), "HOUSEHOLD_SECTION"),
                accepted("Guizhou: a serviceman's child settling with the mother", guizhou(f -> {
                    parent(f, "father").put("householdType", "SERVICEMAN");
                    household(f).put("settleWith", "MOTHER");
                })),
                accepted("Guizhou: the current and the next insured year", guizhou(f ->
                        ((ObjectNode) f.get("insurance")).putArray("years").add("CURRENT").add("NEXT"))),
                // Gansu (Lanzhou): 受理条件 and the materials list.
                accepted("Gansu: one parent a Gansu household, born in Gansu, within a month", gansu()),
                accepted("Gansu: different ethnicities with the confirmation", gansu(f -> {
                    parent(f, "father").put("ethnicity", "06");
                    f.put("ethnicityConfirmation", "DOC-ETH-1");
                })),
                supplement("Gansu: different ethnicities without the confirmation", gansu(f ->
                        parent(f, "father").put("ethnicity", "06")), "ETHNICITY_CONFIRMATION"),
                refused("Gansu: birth registration within one month of birth (户口登记条例 art. 7)", gansu(f ->
                        newborn(f).put("birthTime", "2026-10-20T08:30:00+08:00")), "REGISTRATION_PERIOD_EXPIRED"),
                refused("Gansu: neither parent a Gansu household", gansu(f -> {
                    parent(f, "mother").put("householdDivision", "520102");
                    parent(f, "father").put("householdDivision", "520102");
                }), "NO_PARENT_HOUSEHOLD_IN_REGION"),
                refused("Gansu: born outside Gansu", gansu(f -> newborn(f).put("birthDivision", "520102")),
                        "NOT_BORN_IN_REGION"),
                refused("Gansu: birth outside marriage (婚内生育 only)", gansu(f -> marriage(f, "UNMARRIED")),
                        "NON_MARITAL_OR_SINGLE_PARENT"),
                refused("Gansu: father and mother apply, not a grandparent", gansu(f -> applicant(f, "GRANDPARENT")),
                        "APPLICANT_NOT_ALLOWED"),
                supplement("Gansu 出生登记 2: a student in a college collective household, the spouse's family household",
                        gansu(f -> parent(f, "father").put("householdType", "STUDENT_COLLECTIVE")), "HOUSEHOLD_SECTION"),
                accepted("Gansu 出生登记 2: the student couple's child settling with the mother's family household",
                        gansu(f -> {
                            parent(f, "father").put("householdType", "STUDENT_COLLECTIVE");
                            household(f).put("settleWith", "MOTHER");
                        })),
                supplement("Gansu 出生登记 3: a serviceman's child registers at the civilian parent's household",
                        gansu(f -> parent(f, "father").put("householdType", "SERVICEMAN")), "HOUSEHOLD_SECTION"),
                refused("Gansu: both parents in student collective households", gansu(f -> {
                    parent(f, "father").put("householdType", "STUDENT_COLLECTIVE");
                    parent(f, "mother").put("householdType", "STUDENT_COLLECTIVE");
                }), "HOUSEHOLD_TYPE_NOT_ELIGIBLE"),
                accepted("Gansu 参保 (2): born in November, insured for the next year", gansu(f ->
                        ((ObjectNode) f.get("insurance")).putArray("years").add("NEXT"))),
                supplement("Gansu 申请材料: the parents' ID cards and household registers", gansu(f ->
                        materials(f, "MARRIAGE_CERTIFICATE")), "PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS"),
                // Guangxi (Ziyuan): 受理条件 (一)-(六) and the materials list.
                accepted("Guangxi: the mother applies within a month, born in Ziyuan", guangxi()),
                refused("Guangxi (一): the father may not apply", guangxi(f -> applicant(f, "FATHER")),
                        "APPLICANT_NOT_ALLOWED"),
                refused("Guangxi (二): born outside Ziyuan county", guangxi(f ->
                        newborn(f).put("birthDivision", "450302")), "NOT_BORN_IN_REGION"),
                refused("Guangxi (三): a parent is a Macau resident", guangxi(f ->
                        parent(f, "father").put("idType", "HMT_PERMIT").put("idNumber", "M12345678")),
                        "PARENT_NOT_ELIGIBLE_NATIONALITY"),
                refused("Guangxi (三): no parent a Guangxi household", guangxi(f -> {
                    parent(f, "mother").put("householdDivision", "520102");
                    parent(f, "father").put("householdDivision", "520102");
                }), "NO_PARENT_HOUSEHOLD_IN_REGION"),
                refused("Guangxi (三): birth outside marriage", guangxi(f -> marriage(f, "UNMARRIED")),
                        "NON_MARITAL_OR_SINGLE_PARENT"),
                refused("Guangxi (六): applied more than a month after birth", guangxi(f ->
                        newborn(f).put("birthTime", "2026-10-15T08:30:00+08:00")), "REGISTRATION_PERIOD_EXPIRED"),
                supplement("Guangxi 材料(七): different ethnicities need both parents' signatures", guangxi(f ->
                        parent(f, "father").put("ethnicity", "06")), "ETHNICITY_CONFIRMATION"),
                supplement("Guangxi 材料: the delivery record page of the mother and child health handbook", guangxi(f ->
                        materials(f, "PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS", "MARRIAGE_CERTIFICATE")),
                        "DELIVERY_RECORD_PAGE"),
                accepted("Guangxi 材料(七): different ethnicities, both parents signed", guangxi(f -> {
                    parent(f, "father").put("ethnicity", "06");
                    f.put("ethnicityConfirmation", "SIGNED-BY-BOTH");
                })),
                // Jilin: 线下办理适用范围 and 其他特殊情况.
                accepted("Jilin: certificate issued, settling with a Jilin parent", jilin()),
                refused("Jilin: no birth certificate yet", jilin(f -> newborn(f).putNull("birthCertificateNumber")),
                        "BIRTH_CERTIFICATE_REQUIRED"),
                refused("Jilin: not settling in the province", jilin(f -> {
                    parent(f, "father").put("householdDivision", "520102");
                    household(f).put("settleWith", "FATHER");
                }), "NO_PARENT_HOUSEHOLD_IN_REGION"),
                supplement("Jilin: a grandparent without the signed authorization and the settling parent's ID",
                        jilin(f -> applicant(f, "GRANDPARENT")), "AUTHORIZATION_LETTER", "SETTLING_PARENT_ID_CARD"),
                accepted("Jilin: a grandparent with the signed authorization and the settling parent's ID", jilin(f -> {
                    applicant(f, "GRANDPARENT");
                    ((ObjectNode) f.get("applicant")).put("authorizationDocumentId", "AUTH-1");
                    addMaterials(f, "SETTLING_PARENT_ID_CARD");
                })),
                refused("Jilin: settling in a unit collective household is outside the joint service", jilin(f ->
                        parent(f, "father").put("householdType", "UNIT_COLLECTIVE")), "HOUSEHOLD_TYPE_NOT_ELIGIBLE"),
                accepted("Jilin: settling in a community collective household", jilin(f ->
                        parent(f, "father").put("householdType", "COMMUNITY_COLLECTIVE"))),
                supplement("Jilin: the certificate and the household register not brought", jilin(f ->
                        f.putArray("materials").addObject().put("type", "APPLICANT_ID_CARD").put("documentId", "D")),
                        "BIRTH_CERTIFICATE", "SETTLING_PARENT_HOUSEHOLD_REGISTER"),
                refused("Jilin: an uncle may not apply", jilin(f -> applicant(f, "UNCLE")), "APPLICANT_NOT_ALLOWED"),
                accepted("Jilin: vaccination, granted at the hospital (免申即享), may be ticked", jilin(f ->
                        ((tools.jackson.databind.node.ArrayNode) f.get("items")).add("VACCINATION"))),
                accepted("Jilin: all seven items ticked, two of them granted at the hospital", jilin(f ->
                        ((tools.jackson.databind.node.ArrayNode) f.get("items")).add("VACCINATION")
                                .add("MATERNITY_REIMBURSEMENT").add("PARENTING_GUIDANCE"))),
                accepted("Jilin: parents of different ethnicities are not restricted", jilin(f ->
                        parent(f, "father").put("ethnicity", "06"))));
    }

    static ObjectNode guizhou(Consumer<ObjectNode>... changes) {
        return region(JsonHttp.sampleApplication(), changes);
    }

    /** With the Gansu materials list (seed 002): ID cards, household registers, marriage certificate. */
    private static ObjectNode gansu(Consumer<ObjectNode>... changes) {
        ObjectNode form = move(JsonHttp.sampleApplication(), "620000", "620102");
        materials(form, "PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS", "MARRIAGE_CERTIFICATE");
        return region(form, changes);
    }

    /** With the Ziyuan materials list (seed 003), which adds the handbook's delivery record page. */
    static ObjectNode guangxi(Consumer<ObjectNode>... changes) {
        ObjectNode form = move(JsonHttp.sampleApplication(), "450000", "450329");
        materials(form, "PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS", "MARRIAGE_CERTIFICATE",
                "DELIVERY_RECORD_PAGE");
        return region(form, changes);
    }

    /** With the Jilin materials (seed 004): the certificate, the settling parent's register, the applicant's ID. */
    private static ObjectNode jilin(Consumer<ObjectNode>... changes) {
        ObjectNode form = move(JsonHttp.sampleApplication(), "220000", "220102");
        materials(form, "BIRTH_CERTIFICATE", "SETTLING_PARENT_HOUSEHOLD_REGISTER", "APPLICANT_ID_CARD");
        newborn(form).put("birthCertificateNumber", "S220000001");
        form.putArray("items").add("BIRTH_CERT").add("HUKOU").add("MEDICAL_INSURANCE").add("SOCIAL_SECURITY_CARD");
        return region(form, changes);
    }

    /** The sample family living, giving birth and insured in the given region and county. */
    private static ObjectNode move(ObjectNode form, String region, String county) {
        form.put("region", region);
        parent(form, "mother").put("householdDivision", county);
        parent(form, "father").put("householdDivision", county);
        newborn(form).put("birthDivision", county);
        household(form).put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        return form;
    }

    @SafeVarargs
    private static ObjectNode region(ObjectNode form, Consumer<ObjectNode>... changes) {
        for (Consumer<ObjectNode> change : changes) {
            change.accept(form);
        }
        return form;
    }

    /** Lists exactly these materials in the form. */
    private static void materials(ObjectNode form, String... types) {
        form.putArray("materials");
        addMaterials(form, types);
    }

    private static void addMaterials(ObjectNode form, String... types) {
        var materials = (tools.jackson.databind.node.ArrayNode) form.get("materials");
        for (String type : types) {
            materials.addObject().put("type", type).put("documentId", "DOC-" + type);
        }
    }

    static ObjectNode parent(ObjectNode form, String which) {
        return (ObjectNode) form.get(which);
    }

    private static ObjectNode newborn(ObjectNode form) {
        return (ObjectNode) form.get("newborn");
    }

    static ObjectNode household(ObjectNode form) {
        return (ObjectNode) form.get("household");
    }

    private static void marriage(ObjectNode form, String status) {
        ((ObjectNode) form.get("marriage")).put("status", status);
    }

    private static void applicant(ObjectNode form, String relation) {
        ((ObjectNode) form.get("applicant")).put("relation", relation);
    }

    private static Arguments accepted(String name, ObjectNode form) {
        return Arguments.of(name, form, Outcome.ACCEPTED, List.of());
    }

    private static Arguments refused(String name, ObjectNode form, String... reasons) {
        return Arguments.of(name, form, Outcome.NOT_ACCEPTED, List.of(reasons));
    }

    private static Arguments supplement(String name, ObjectNode form, String... missing) {
        return Arguments.of(name, form, Outcome.NEEDS_SUPPLEMENT, List.of(missing));
    }
}
