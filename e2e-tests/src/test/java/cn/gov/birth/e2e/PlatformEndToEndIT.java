package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.platform.test.EventProbe;
import cn.gov.birth.platform.test.JsonHttp;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform end to end: eight packaged services as separate processes on a real Kafka broker
 * and PostgreSQL, driven only through the gateway, as the portal drives it.
 */
class PlatformEndToEndIT {

    private static final Duration COMPLETION = Duration.ofSeconds(120);
    private static Platform platform;
    private static Portal portal;
    /** Each application's family (its mother signed in), who follows it. */
    private static final Map<UUID, JsonHttp> FAMILIES = new java.util.concurrent.ConcurrentHashMap<>();
    private static EventProbe probe;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
        List<String> topics = new ArrayList<>(Topics.DEPARTMENT_FACTS);
        topics.add(Topics.applicationsFor(Department.HEALTH));
        topics.add(Topics.applicationsFor(Department.CDC));
        topics.add(Topics.applicationsFor(Department.MEDICAL_INSURANCE));
        probe = new EventProbe(platform.kafkaBootstrapServers(), topics.toArray(String[]::new));
    }

    @AfterAll
    static void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldCompleteAllSevenItemsWithTheirResultsThroughTheGateway() {
        ObjectNode form = family();
        LocalDate born = OffsetDateTime.parse(form.get("newborn").get("birthTime").asString()).toLocalDate();
        var created = file(form);
        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(created.location()).endsWith("/api/v1/applications/" + id);

        JsonNode application = awaitCompleted(id);

        assertThat(application.get("items")).hasSize(7);
        assertThat(result(application, Item.BIRTH_CERT).get("certificateNumber").asString()).matches("[A-Z]\\d{9}");
        assertThat(result(application, Item.VACCINATION).get("certificateNumber").asString()).matches("V520000\\d{8}");
        String citizenId = result(application, Item.HUKOU).get("citizenIdNumber").asString();
        assertThat(ResidentIdNumber.isValid(citizenId)).isTrue();
        assertThat(citizenId).startsWith("520102" + born.format(DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(ResidentIdNumber.sex(citizenId)).isEqualTo("2");
        assertThat(result(application, Item.HUKOU).get("policeStation").asString()).isNotBlank();
        JsonNode insurance = result(application, Item.MEDICAL_INSURANCE);
        assertThat(insurance.get("insuredYears").get(0).asInt()).isEqualTo(born.getYear());
        assertThat(insurance.get("contributionDue").decimalValue()).isPositive();
        assertThat(insurance.get("coverageEnd").asString()).isEqualTo(born.getYear() + "-12-31");
        assertThat(result(application, Item.MATERNITY_REIMBURSEMENT).get("settlement").asString()).isEqualTo("DIRECT");
        assertThat(result(application, Item.MATERNITY_REIMBURSEMENT).get("amount").decimalValue())
                .isEqualByComparingTo("2860.50");
        assertThat(result(application, Item.SOCIAL_SECURITY_CARD).get("bankCode").asString()).isEqualTo("ICBC");
        // Made by the bank (the simulator) and reported by its callback.
        assertThat(result(application, Item.SOCIAL_SECURITY_CARD).get("cardStatus").asString()).isEqualTo("MADE");
        assertThat(result(application, Item.PARENTING_GUIDANCE).get("enrolledUntil").asString()).isNotBlank();
        assertThat(application.get("completedAt").isNull()).isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> family(id).get("/api/v1/notifications?applicationId=" + id)
                .json().get("items").valueStream().anyMatch(m -> m.get("status").asString().equals("COMPLETED")));
    }

    /**
     * Jilin (seed 004): the vaccination certificate and maternity reimbursement are granted at the
     * delivery hospital without application (免申即享). Ticked, they do not refuse the application:
     * they show as granted with where to collect them, and no department is sent them as work.
     */
    @Test
    void shouldAcceptAJilinFamilyTickingAllSevenItemsAndShowTwoAsGrantedAtTheHospital() {
        ObjectNode form = jilinFamily();
        assertThat(form.get("items")).hasSize(7);

        var created = file(form);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode filed = created.json();
        UUID id = UUID.fromString(filed.get("id").asString());
        assertThat(filed.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(filed.get("items")).hasSize(7);
        for (Item granted : List.of(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT)) {
            assertThat(item(filed, granted).get("status").asString()).as(granted.name())
                    .isEqualTo("GRANTED_AT_HOSPITAL");
            assertThat(result(filed, granted).get("place").asString()).as(granted.name()).contains("助产机构");
        }
        assertThat(item(filed, Item.HUKOU).get("status").asString()).isEqualTo("WAITING");
        var insurance = probe.awaitEvent(Topics.applicationsFor(Department.MEDICAL_INSURANCE),
                ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        assertThat(insurance.items()).contains(Item.MEDICAL_INSURANCE)
                .doesNotContain(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT);
        // The CDC's copy would have left before medical insurance's (one outbox, rows in order): none did.
        assertThat(probe.events(Topics.applicationsFor(Department.CDC), ApplicationSubmitted.class, id)).isEmpty();

        // The rest goes on: health verifies the certificate the hospital issued; the granted items stay granted.
        await().atMost(COMPLETION).pollInterval(Duration.ofMillis(250)).until(() -> "COMPLETED".equals(
                item(family(id).get("/api/v1/applications/" + id).json(), Item.BIRTH_CERT).get("status").asString()));
        JsonNode application = family(id).get("/api/v1/applications/" + id).json();
        assertThat(item(application, Item.VACCINATION).get("status").asString()).isEqualTo("GRANTED_AT_HOSPITAL");
        assertThat(item(application, Item.MATERNITY_REIMBURSEMENT).get("status").asString())
                .isEqualTo("GRANTED_AT_HOSPITAL");
        assertThat(application.get("timeline").valueStream().filter(e -> e.get("type").asString()
                .equals("ItemGrantedAtHospital")).map(e -> e.get("item").asString()).toList())
                .containsExactlyInAnyOrder("VACCINATION", "MATERNITY_REIMBURSEMENT");
    }

    @Test
    void shouldCompleteAFamilyOfTheGeneratedDataSet() throws Exception {
        JsonNode form = JsonHttp.JSON.readTree(
                Files.readString(platform.dataSet().resolve("applications/family-00002.json")));
        String county = form.get("household").get("nativePlace").asString();

        var created = file(form);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode application = awaitCompleted(UUID.fromString(created.json().get("id").asString()));
        assertThat(application.get("items")).hasSize(7);
        assertThat(result(application, Item.HUKOU).get("citizenIdNumber").asString()).startsWith(county);
    }

    /** The family's ID numbers, phones and bank account, and the newborn's citizen ID number, are nowhere in clear. */
    @Test
    void shouldKeepNoIdNumberPhoneOrBankAccountOfACompletedFamilyInClearInAnyDatabase() throws Exception {
        JsonNode form = JsonHttp.JSON.readTree(
                Files.readString(platform.dataSet().resolve("applications/family-00003.json")));
        var created = file(form);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode application = awaitCompleted(UUID.fromString(created.json().get("id").asString()));
        String citizenId = result(application, Item.HUKOU).get("citizenIdNumber").asString();

        List<String> personal = new ArrayList<>(List.of(citizenId));
        for (String path : List.of("/mother/idNumber", "/father/idNumber", "/household/headIdNumber",
                "/applicant/phone", "/mother/phone", "/father/phone", "/delivery/recipient/phone",
                "/reimbursement/accountNumber")) {
            JsonNode value = form.at(path);
            if (value.isString() && !value.asString().isBlank()) {
                personal.add(value.asString());
            }
        }
        assertThat(personal).hasSizeGreaterThanOrEqualTo(3);
        platform.storedText().forEach((service, stored) -> assertThat(personal).as(service)
                .noneMatch(value -> stored.toUpperCase(java.util.Locale.ROOT).contains(value.toUpperCase(java.util.Locale.ROOT))));
    }

    @Test
    void shouldCompleteAfterTheApplicantCorrectsWhatTheDeliveryRecordContradicts() {
        ObjectNode form = JsonHttp.newFamily();
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        OffsetDateTime recorded = OffsetDateTime.parse(newborn.get("birthTime").asString());
        delivered(form);
        newborn.put("birthTime", recorded.plusMinutes(20).toString());
        var created = file(form);
        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());

        await("birth certificate returned").atMost(COMPLETION).pollInterval(Duration.ofMillis(250))
                .until(() -> "ACTION_REQUIRED".equals(family(id).get("/api/v1/applications/" + id).json()
                        .get("status").asString()));
        JsonNode returned = item(family(id).get("/api/v1/applications/" + id).json(), Item.BIRTH_CERT);
        assertThat(returned.get("status").asString()).isEqualTo("RETURNED");
        assertThat(returned.get("reason").get("code").asString()).isEqualTo("BIRTH_TIME_MISMATCH");
        newborn.put("birthTime", recorded.toString());

        var supplemented = family(id).post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("newborn", newborn));

        assertThat(supplemented.status()).as(supplemented.body()).isEqualTo(200);
        JsonNode application = awaitCompleted(id);
        assertThat(result(application, Item.HUKOU).get("citizenIdNumber").asString())
                .startsWith("520102" + recorded.toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    /**
     * The family reads its messages in Chinese: the payment of a completed family with its amount
     * and last day, a returned item with its reason and what to correct, and never a code.
     */
    @Test
    void shouldTellTheFamilyItsPaymentAndWhyAnItemWasReturnedInWordsWithoutCodes() {
        UUID completed = submit();
        ObjectNode contradicting = JsonHttp.newFamily();
        ObjectNode newborn = (ObjectNode) contradicting.get("newborn");
        delivered(contradicting);
        newborn.put("birthTime", OffsetDateTime.parse(newborn.get("birthTime").asString()).plusMinutes(20).toString());
        UUID returned = submit(contradicting);

        String amount = result(awaitCompleted(completed), Item.MEDICAL_INSURANCE).get("contributionDue").decimalValue()
                .setScale(2, RoundingMode.HALF_UP).toPlainString();
        List<String> payment = await("the payment message").atMost(Duration.ofSeconds(30))
                .until(() -> texts(completed, Item.MEDICAL_INSURANCE), texts -> texts.stream()
                        .anyMatch(text -> text.contains("缴费单号")));
        List<String> returnedItem = await("the return's message").atMost(COMPLETION)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> texts(returned, Item.BIRTH_CERT), texts -> texts.stream()
                        .anyMatch(text -> text.contains("退回")));

        assertThat(payment).anySatisfy(text -> assertThat(text).contains("居民医保参保登记", amount + "元")
                .containsPattern("请于\\d{4}年\\d{1,2}月\\d{1,2}日前缴纳"));
        assertThat(returnedItem).anySatisfy(text -> assertThat(text)
                .contains("出生医学证明已退回", "退回原因：出生时间与医院记录不一致", "请补正：按出生医学证明或医院记录核对出生时间"));
        List<String> codes = Stream.of(Item.values(), ItemStatus.values(), ApplicationStatus.values())
                .flatMap(Arrays::stream).map(Enum::name).collect(Collectors.toCollection(ArrayList::new));
        codes.addAll(List.of("PAYMENT_DUE", "BIRTH_TIME_MISMATCH", "DIRECT", "MADE"));
        List<String> all = new ArrayList<>(texts(completed, null));
        all.addAll(texts(returned, null));
        assertThat(all).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(codes.toArray(String[]::new)));
    }

    /**
     * A maternity claim without a settlement at discharge is reimbursed by hand: the insurance officer
     * enters the amount assessed from the receipts, above the second-approval threshold (5000.00), so
     * a second officer approves it; the family's result and message name that amount, and it is what
     * the payout to the family's account records.
     */
    @Test
    void shouldPayAndTellTheFamilyTheManualMaternityAmountTwoOfficersApproved() {
        ObjectNode form = JsonHttp.newFamily();
        portal.deliveredWithoutDischargeSettlement(form);
        form.putObject("reimbursement").put("bankName", "中国工商银行贵阳分行").put("accountNumber", "6222020200007654321")
                .put("accountHolder", form.get("mother").get("name").asString());
        var materials = (tools.jackson.databind.node.ArrayNode) form.get("materials");
        for (String material : List.of("INSURANCE_VOUCHER", "HOSPITAL_RECEIPTS", "DISCHARGE_RECORD")) {
            materials.addObject().put("type", material).put("documentId", "DOC-" + material);
        }
        UUID id = submit(form);
        JsonHttp assessor = portal.signedIn("ins-assessor-" + UUID.randomUUID(), "STAFF", "MEDICAL_INSURANCE");
        JsonHttp reviewer = portal.signedIn("ins-reviewer-" + UUID.randomUUID(), "STAFF", "MEDICAL_INSURANCE");
        String task = await("the manual claim in the insurance officers' queue").atMost(COMPLETION)
                .pollInterval(Duration.ofMillis(500)).until(() -> insuranceTask(assessor, id), java.util.Objects::nonNull);
        String decisions = "/api/v1/departments/MEDICAL_INSURANCE/tasks/" + task + "/decisions";

        var first = assessor.post(decisions, "{\"decision\": \"APPROVE\", \"message\": \"已核对票据\", \"amount\": 6800.00}");
        var bySameOfficer = assessor.post(decisions, "{\"decision\": \"APPROVE\"}");
        var second = reviewer.post(decisions, "{\"decision\": \"APPROVE\", \"message\": \"复核无误\"}");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(bySameOfficer.status()).as(bySameOfficer.body()).isEqualTo(403);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode reimbursed = result(awaitCompleted(id), Item.MATERNITY_REIMBURSEMENT);
        assertThat(reimbursed.get("settlement").asString()).isEqualTo("MANUAL");
        assertThat(reimbursed.get("amount").decimalValue()).isEqualByComparingTo("6800.00");
        assertThat(reimbursed.get("paidToBank").asString()).isEqualTo("中国工商银行贵阳分行");
        assertThat(reimbursed.get("paidToAccount").asString()).isEqualTo("6222***********4321");
        List<String> told = await("the reimbursement's message").atMost(Duration.ofSeconds(30))
                .until(() -> texts(id, Item.MATERNITY_REIMBURSEMENT), texts -> texts.stream()
                        .anyMatch(text -> text.contains("已办结")));
        assertThat(told).anySatisfy(text -> assertThat(text).contains("生育医疗费用报销已办结", "报销金额6800.00元"));
        String payout = "select %s from maternity_settlement where application_id = ?";
        assertThat(platform.query("insurance-service", payout.formatted("amount"), id)).singleElement()
                .satisfies(amount -> assertThat(new java.math.BigDecimal(amount)).isEqualByComparingTo("6800.00"));
        assertThat(platform.query("insurance-service", payout.formatted("paid_to_account"), id)).singleElement()
                .satisfies(account -> assertThat(account).startsWith("ENC1:").doesNotContain("6222020200007654321"));
    }

    /** The open review task of the application in the insurance officers' queue; null while there is none. */
    private static String insuranceTask(JsonHttp officer, UUID application) {
        return officer.get("/api/v1/departments/MEDICAL_INSURANCE/tasks?size=100").json().get("items").valueStream()
                .filter(t -> t.get("applicationId").asString().equals(application.toString()))
                .map(t -> t.get("id").asString()).findFirst().orElse(null);
    }

    /**
     * The form's delivery choice for the certificate is honoured (seed 003 七): mailed, it goes under
     * a waybill, shown in the item's result, and the family's message names the carrier and the waybill.
     */
    @Test
    void shouldMailTheCertificateAsTheFamilyChoseAndNameTheCarrierAndTheWaybillInItsMessage() {
        ObjectNode form = family();
        ((ObjectNode) form.get("delivery")).put("birthCertificate", "MAIL");
        UUID id = submit(form);

        await("the certificate issued").atMost(COMPLETION).pollInterval(Duration.ofMillis(250)).until(() ->
                "COMPLETED".equals(item(family(id).get("/api/v1/applications/" + id).json(), Item.BIRTH_CERT)
                        .get("status").asString()));
        JsonNode certificate = result(family(id).get("/api/v1/applications/" + id).json(), Item.BIRTH_CERT);
        String waybill = certificate.get("waybillNumber").asString();
        String carrier = certificate.get("carrier").asString();
        List<String> messages = await("the certificate's message").atMost(Duration.ofSeconds(30))
                .until(() -> texts(id, Item.BIRTH_CERT), texts -> texts.stream().anyMatch(t -> t.contains("运单号")));

        assertThat(waybill).matches("EA\\d{9}CN");
        assertThat(messages).anySatisfy(text -> assertThat(text)
                .contains("已交" + carrier + "邮寄", "运单号 " + waybill).doesNotContain("领取纸质出生医学证明")
                .satisfies(t -> assertThat(t.replace(waybill, "")).doesNotContainPattern("[A-Z]{2,}")));
    }

    /**
     * Guangxi (seed 003 七（一）1): the mother collects the certificate; the father only with her
     * authorization in the form. A form where he collects without it is refused before anything is
     * stored, as is one registering the birth outside Ziyuan county, the area the policy names.
     */
    @Test
    void shouldRefuseAGuangxiFormWhereTheFatherCollectsWithoutTheMothersAuthorizationOrTheBirthIsRegisteredOutsideZiyuan() {
        ObjectNode fatherCollects = guangxiFamily();
        ((ObjectNode) fatherCollects.get("delivery")).put("birthCertificateCollector", "FATHER");
        ObjectNode outsideZiyuan = guangxiFamily();
        ((ObjectNode) outsideZiyuan.get("father")).put("householdDivision", "450302");

        var unauthorized = file(fatherCollects);
        var elsewhere = file(outsideZiyuan);

        assertThat(unauthorized.status()).as(unauthorized.body()).isEqualTo(422);
        assertThat(unauthorized.contentType()).startsWith("application/problem+json");
        assertThat(unauthorized.json().get("detail").asString()).contains("授权委托书");
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(422);
        assertThat(elsewhere.json().get("detail").asString()).contains("资源县");
        for (JsonNode form : List.of(fatherCollects, outsideZiyuan)) {
            assertThat(portal.motherOf(form).get("/api/v1/applications").json().get("items")).isEmpty();
        }
        ((ObjectNode) fatherCollects.get("delivery")).put("collectionAuthorizationDocumentId", "AUTH-MOTHER-1");
        var authorized = file(fatherCollects);
        assertThat(authorized.status()).as(authorized.body()).isEqualTo(201);
        // What the family reads before filing says the same, from the same policy data.
        JsonNode guide = portal.anonymous().get("/api/v1/guides/450000").json();
        assertThat(guide.get("area").get("name").asString()).isEqualTo("资源县");
        assertThat(guide.get("conditions").valueStream().map(JsonNode::asString)).anyMatch(c -> c.contains("授权委托父亲领取"));
        assertThat(guide.get("officeHours").asString()).isNotBlank();
        assertThat(guide.get("supervision").valueStream().map(JsonNode::asString)).anyMatch(c -> c.contains("12345"));
        assertThat(guide.get("legalBasis")).isNotEmpty();
    }

    /** The texts of the application's messages as its family reads them, those about one item or all (null). */
    private static List<String> texts(UUID id, Item item) {
        var response = family(id).get("/api/v1/notifications?applicationId=" + id + "&size=100");
        if (response.status() != 200) {
            return List.of();
        }
        return response.json().get("items").valueStream()
                .filter(message -> item == null
                        || message.path("item").isString() && item.name().equals(message.path("item").asString()))
                .map(message -> message.get("text").asString()).toList();
    }

    /**
     * The police find the father's household registration cancelled: household registration is
     * refused, and insurance and the card, which need the newborn's registration, are cancelled
     * with the reason; the items that do not depend on it complete.
     */
    @Test
    void shouldCancelInsuranceAndCardWithTheReasonWhenThePoliceRefuseTheRegistration() {
        ObjectNode form = family();
        ObjectNode father = (ObjectNode) form.get("father");
        String fatherId = ResidentIdNumber.of("520102", LocalDate.of(1990, 6, 1),
                2 * (int) (System.nanoTime() % 499) + 1);
        father.put("idNumber", fatherId);
        ((ObjectNode) form.get("household")).put("headIdNumber", fatherId);
        upload("POLICE", "population-register", """
                idNumber,name,householdDivision,householdNumber,headIdNumber,relationToHead,ethnicity,status
                %s,%s,520102,520102-E2E-%s,%s,02,01,CANCELLED
                """.formatted(fatherId, father.get("name").asString(), fatherId.substring(14), fatherId));

        UUID id = submit(form);

        await("every item finished").atMost(COMPLETION).pollInterval(Duration.ofMillis(250)).until(() ->
                family(id).get("/api/v1/applications/" + id).json().get("items").valueStream()
                        .allMatch(item -> List.of("COMPLETED", "REJECTED", "CANCELLED")
                                .contains(item.get("status").asString())));
        JsonNode application = family(id).get("/api/v1/applications/" + id).json();
        assertThat(application.get("status").asString()).isEqualTo("PARTIALLY_COMPLETED");
        assertThat(itemStatus(application, Item.HUKOU)).isEqualTo("REJECTED");
        assertThat(item(application, Item.HUKOU).get("reason").get("code").asString())
                .isEqualTo("PARENT_REGISTRATION_CANCELLED");
        for (Item dependent : List.of(Item.MEDICAL_INSURANCE, Item.SOCIAL_SECURITY_CARD)) {
            JsonNode state = item(application, dependent);
            assertThat(state.get("status").asString()).as("%s", dependent).isEqualTo("CANCELLED");
            assertThat(state.get("reason").get("code").asString()).as("%s", dependent)
                    .isEqualTo("UPSTREAM_NOT_COMPLETED");
            assertThat(state.get("reason").get("message").asString()).as("%s", dependent).isNotBlank();
        }
        for (Item independent : List.of(Item.BIRTH_CERT, Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT,
                Item.PARENTING_GUIDANCE)) {
            assertThat(itemStatus(application, independent)).as("%s", independent).isEqualTo("COMPLETED");
        }
    }

    @Test
    void shouldAnswerMalformedInputWith400ProblemThroughTheGateway() {
        ObjectNode form = family();
        ((ObjectNode) form.get("father")).put("idNumber", "520102199207081314");

        var response = file(form);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("father.idNumber");
    }

    @Test
    void shouldCompleteANeedsSupplementApplicationAfterItsSupplement() {
        ObjectNode form = family();
        JsonNode household = form.remove("household");
        var filed = file(form);
        assertThat(filed.status()).isEqualTo(201);
        assertThat(filed.json().get("status").asString()).isEqualTo("NEEDS_SUPPLEMENT");
        UUID id = UUID.fromString(filed.json().get("id").asString());

        var supplemented = family(id).post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("household", household));

        assertThat(supplemented.status()).isEqualTo(200);
        assertThat(supplemented.json().get("status").asString()).isEqualTo("ACCEPTED");
        JsonNode application = awaitCompleted(id);
        assertThat(ResidentIdNumber.isValid(result(application, Item.HUKOU).get("citizenIdNumber").asString()))
                .isTrue();
    }

    @Test
    void shouldNeverPublishANotAcceptedApplication() {
        ObjectNode refusedForm = family();
        ((ObjectNode) refusedForm.get("father")).put("ethnicity", "06");
        var refused = file(refusedForm);
        assertThat(refused.status()).isEqualTo(201);
        assertThat(refused.json().get("status").asString()).isEqualTo("NOT_ACCEPTED");
        assertThat(refused.json().get("acceptance").get("reasons").get(0).get("code").asString())
                .isEqualTo("PARENTS_DIFFERENT_ETHNICITY");
        UUID refusedId = UUID.fromString(refused.json().get("id").asString());

        // An application accepted after it went all the way: the refused one would have gone first.
        UUID later = submit();
        awaitCompleted(later);

        probe.awaitEvent(Topics.applicationsFor(Department.HEALTH), ApplicationSubmitted.class, e -> e.applicationId().equals(later));
        assertThat(probe.events(Topics.applicationsFor(Department.HEALTH), ApplicationSubmitted.class, refusedId)).isEmpty();
        assertThat(family(refusedId).get("/api/v1/applications/" + refusedId).json().get("status").asString())
                .isEqualTo("NOT_ACCEPTED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"birth-cert-service", "vaccination-service", "hukou-service", "insurance-service",
            "sscard-service"})
    void shouldLoseNoApplicationAndDuplicateNoResultWhenADepartmentIsKilled(String department) throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(submit());
        }
        // Their births are on the hospital's record before anything is killed (the health department may be).
        List<ObjectNode> later = List.of(family(), family(), family(), family());
        platform.kill(department);
        for (ObjectNode form : later) {
            ids.add(submit(form));
        }
        platform.restart(department);

        List<JsonNode> completed = ids.stream().map(PlatformEndToEndIT::awaitCompleted).toList();

        List<String> citizenIds = completed.stream()
                .map(a -> result(a, Item.HUKOU).get("citizenIdNumber").asString()).toList();
        assertThat(citizenIds).doesNotHaveDuplicates().allMatch(ResidentIdNumber::isValid);
        // The probe reads the department topics on its own; give it time to catch up with them.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (UUID id : ids) {
                assertThat(completionsPerItem(id)).as("completions of %s", id).hasSize(7).allSatisfy((item, count) ->
                        assertThat(count).as("%s completed once", item).isEqualTo(1));
            }
        });
    }

    /**
     * With the birth certificate held up (its service down), household registration, insurance and
     * the card are open when the applicant withdraws: their departments cancel them, and the
     * registration never happens when the certificate is issued later.
     */
    @Test
    void shouldCancelWhatIsOpenAndKeepWhatIsDoneWhenTheApplicantWithdraws() throws Exception {
        ObjectNode form = family();
        platform.kill("birth-cert-service");
        UUID id = submit(form);
        List<Item> waiting = List.of(Item.HUKOU, Item.MEDICAL_INSURANCE, Item.SOCIAL_SECURITY_CARD);

        var withdrawn = family(id).post("/api/v1/applications/" + id + "/withdrawal", "{\"reason\": \"家庭情况变化\"}");
        await("waiting items cancelled").atMost(COMPLETION).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode application = family(id).get("/api/v1/applications/" + id).json();
            return waiting.stream().allMatch(item -> itemStatus(application, item).equals("CANCELLED"));
        });
        platform.restart("birth-cert-service");

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        await("every item finished").atMost(COMPLETION).pollInterval(Duration.ofMillis(250)).until(() ->
                family(id).get("/api/v1/applications/" + id).json().get("items").valueStream()
                        .allMatch(item -> List.of("COMPLETED", "CANCELLED").contains(item.get("status").asString())));
        probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
        JsonNode application = family(id).get("/api/v1/applications/" + id).json();
        assertThat(application.get("status").asString()).isEqualTo("WITHDRAWN");
        for (Item item : waiting) {
            JsonNode state = item(application, item);
            assertThat(state.get("status").asString()).as("%s", item).isEqualTo("CANCELLED");
            assertThat(state.get("reason").get("code").asString()).as("%s", item).isEqualTo("WITHDRAWN");
        }
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> probe.events(Topics.HUKOU, ItemCompleted.class, id).isEmpty());
    }

    /**
     * 好差评: refused before the application is finished, then once overall and once per item; a
     * 差评 opens a rectification for the item's department, which its staff and supervisors see.
     */
    @Test
    void shouldTakeEvaluationsOnlyOnceFinishedAndCountA差评InItsDepartmentsStatistics() {
        UUID id = submit();
        String evaluations = "/api/v1/applications/" + id + "/evaluations";

        var early = family(id).post(evaluations, "{\"score\": 5}");
        awaitCompleted(id);
        var overall = family(id).post(evaluations, "{\"score\": 4, \"comment\": \"一次办好\"}");
        var bad = family(id).post(evaluations, "{\"score\": 1, \"item\": \"HUKOU\", \"comment\": \"落户慢\"}");
        var again = family(id).post(evaluations, "{\"score\": 5, \"item\": \"HUKOU\"}");

        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(overall.status()).as(overall.body()).isEqualTo(201);
        assertThat(overall.json().get("rectification").isNull()).isTrue();
        assertThat(bad.status()).as(bad.body()).isEqualTo(201);
        assertThat(bad.json().get("rectification").get("department").asString()).isEqualTo("POLICE");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        String statistics = "/api/v1/statistics/evaluations?item=HUKOU";
        for (JsonHttp reader : List.of(portal.staff("POLICE"), portal.as("SUPERVISOR", null))) {
            var answer = reader.get(statistics);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("rectifications").valueStream()
                    .filter(r -> r.get("applicationId").asString().equals(id.toString())))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("department").asString()).isEqualTo("POLICE");
                        assertThat(r.get("contactDue").asString()).isNotBlank();
                        assertThat(r.get("answerDue").asString()).isNotBlank();
                    });
        }
        assertThat(portal.staff("HEALTH").get(statistics + "&department=POLICE").status()).isEqualTo(403);
        assertThat(family(id).get(statistics).status()).isEqualTo(403);

        // The 差评 is a task in the police's queue with its deadlines; staff contact the family, then answer.
        JsonHttp police = portal.staff("POLICE");
        JsonNode task = awaitFollowUpTask(police, "POLICE", id, "RECTIFICATION");
        assertThat(task.get("item").asString()).isEqualTo("HUKOU");
        assertThat(task.get("followUp").get("contactDue").asString())
                .isEqualTo(bad.json().get("rectification").get("contactBy").asString());
        assertThat(task.get("followUp").get("answerDue").asString())
                .isEqualTo(bad.json().get("rectification").get("answerBy").asString());
        assertThat(task.get("followUp").get("text").asString()).isEqualTo("落户慢");
        String tasks = "/api/v1/departments/POLICE/tasks/" + task.get("id").asString();
        var contacted = police.post(tasks + "/contacts", "");
        var answered = police.post(tasks + "/answers", "{\"answer\": \"已电话联系您，落户材料改为一次性告知并当日受理。\"}");
        var twice = police.post(tasks + "/answers", "{\"answer\": \"再答一次\"}");

        assertThat(contacted.status()).as(contacted.body()).isEqualTo(200);
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().get("status").asString()).isEqualTo("ANSWERED");
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        awaitMessageContaining(id, "已电话联系您，落户材料改为一次性告知并当日受理。");
        assertThat(family(id).get(evaluations).json().valueStream()
                .filter(e -> "HUKOU".equals(e.get("item").asString())))
                .singleElement().satisfies(e -> assertThat(e.get("rectification").get("answer").asString())
                        .isEqualTo("已电话联系您，落户材料改为一次性告知并当日受理。"));
        assertThat(police.get(statistics).json().get("rectifications").valueStream()
                .filter(r -> r.get("applicationId").asString().equals(id.toString())))
                .singleElement().satisfies(r -> assertThat(r.get("answeredAt").isNull()).isFalse());
    }

    @Test
    void shouldRouteAComplaintToItsDepartmentsQueueAndTellTheFamilyTheAnswer() {
        UUID id = submit();
        String complaints = "/api/v1/applications/" + id + "/complaints";

        var filed = family(id).post(complaints, "{\"item\": \"BIRTH_CERT\", \"text\": \"领证地点没有写清楚\"}");
        var empty = family(id).post(complaints, "{\"item\": \"BIRTH_CERT\", \"text\": \" \"}");
        var stranger = portal.motherOf(family()).post(complaints, "{\"text\": \"别人的申请\"}");

        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.json().get("department").asString()).isEqualTo("HEALTH");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(stranger.status()).as(stranger.body()).isEqualTo(404);
        JsonHttp health = portal.staff("HEALTH");
        JsonNode task = awaitFollowUpTask(health, "HEALTH", id, "COMPLAINT");
        assertThat(task.get("followUp").get("answerDue").asString()).isEqualTo(filed.json().get("answerBy").asString());
        assertThat(task.get("followUp").get("text").asString()).isEqualTo("领证地点没有写清楚");

        var answered = health.post("/api/v1/departments/HEALTH/tasks/" + task.get("id").asString() + "/answers",
                "{\"answer\": \"请到出生医院产科服务台领取，工作日8:30-17:00。\"}");

        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        awaitMessageContaining(id, "请到出生医院产科服务台领取，工作日8:30-17:00。");
        assertThat(family(id).get(complaints).json()).singleElement().satisfies(complaint -> {
            assertThat(complaint.get("text").asString()).isEqualTo("领证地点没有写清楚");
            assertThat(complaint.get("answer").asString()).isEqualTo("请到出生医院产科服务台领取，工作日8:30-17:00。");
        });
    }

    /** The department's open follow-up task of this kind about the application, once it arrived (newest last). */
    private static JsonNode awaitFollowUpTask(JsonHttp staff, String department, UUID id, String kind) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await(kind + " task of " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (int page = 0; found.get() == null; page++) {
                        JsonNode items = staff.get("/api/v1/departments/" + department + "/tasks?size=100&page=" + page)
                                .json().get("items");
                        if (items.isEmpty()) {
                            break;
                        }
                        items.valueStream().filter(t -> kind.equals(t.get("kind").asString())
                                        && t.get("applicationId").asString().equals(id.toString()))
                                .findFirst().ifPresent(found::set);
                    }
                    return found.get() != null;
                });
        return found.get();
    }

    /** Waits until the family's messages about the application include one with this text. */
    private static void awaitMessageContaining(UUID id, String text) {
        await("message to the family of " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> family(id).get("/api/v1/notifications?applicationId=" + id + "&size=100").json()
                        .get("items").valueStream().anyMatch(m -> m.get("text").asString().contains(text)));
    }

    /**
     * 帮办代办 and 窗口收件 (seeds 000, 004): a clerk files for a family at a named service centre,
     * checking and scanning its paper, and hands over the notice; both parents, signing in later,
     * find the application in their own list by their ID numbers, read it with the centre and the
     * materials, and follow it to completion.
     */
    @Test
    void shouldLetBothParentsFindReadAndFollowToCompletionWhatAClerkFiledForThemAtTheWindow() {
        ObjectNode form = family().put("channel", "WINDOW");
        JsonHttp clerk = portal.clerk("clerk-" + UUID.randomUUID(), "520102-ZWFW");

        var filed = clerk.post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        String notice = clerk.get("/api/v1/applications/" + id + "/notice").json().get("text").asString();
        JsonHttp mother = portal.motherOf(form);
        JsonHttp father = portal.citizen(form.get("father").get("idNumber").asString());
        FAMILIES.put(id, mother);

        assertThat(notice).contains("现予受理", "贵阳市南明区政务服务中心", "结婚证（扫描件编号 D-0003）", "出生医学证明")
                .doesNotContain(Arrays.stream(Item.values()).map(Item::name).toArray(String[]::new));
        for (JsonHttp parent : List.of(mother, father)) {
            assertThat(parent.get("/api/v1/applications?size=100").json().get("items").valueStream()
                    .filter(a -> a.get("id").asString().equals(id.toString())))
                    .singleElement().satisfies(a -> assertThat(a.get("channel").asString()).isEqualTo("WINDOW"));
        }
        JsonNode application = awaitCompleted(id);
        assertThat(application.get("filing").get("serviceCentre").get("name").asString())
                .isEqualTo("贵阳市南明区政务服务中心");
        assertThat(application.get("materialsReceived").valueStream().map(m -> m.get("name").asString()))
                .contains("结婚证", "母亲居民户口簿（首页、户主页、本人页）");
        assertThat(father.get("/api/v1/applications/" + id).json().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(portal.clerk("clerk-" + UUID.randomUUID(), "620102-ZWFW").get("/api/v1/applications/" + id)
                .status()).isEqualTo(404);
    }

    private static String itemStatus(JsonNode application, Item item) {
        return item(application, item).get("status").asString();
    }

    private static JsonNode item(JsonNode application, Item item) {
        return application.get("items").valueStream().filter(i -> i.get("item").asString().equals(item.name()))
                .findFirst().orElseThrow();
    }

    /** How many distinct completion facts each item of the application has on the department topics. */
    private static Map<Item, Long> completionsPerItem(UUID id) {
        return Topics.DEPARTMENT_FACTS.stream()
                .flatMap(topic -> probe.events(topic, ItemCompleted.class, id).stream())
                .collect(Collectors.groupingBy(ItemCompleted::item, Collectors.mapping(ItemCompleted::eventId,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
    }

    /** The form filed by the family's mother, signed in; she follows the application from then on. */
    private static JsonHttp.Response file(JsonNode form) {
        JsonHttp mother = portal.motherOf(form);
        var response = mother.post("/api/v1/applications", form);
        if (response.status() == 201) {
            FAMILIES.put(UUID.fromString(response.json().get("id").asString()), mother);
        }
        return response;
    }

    private static JsonHttp family(UUID id) {
        return FAMILIES.get(id);
    }

    private static UUID submit() {
        return submit(family());
    }

    private static UUID submit(ObjectNode form) {
        var response = file(form);
        assertThat(response.status()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    private static JsonNode awaitCompleted(UUID id) {
        await("application " + id + " completed").atMost(COMPLETION).pollInterval(Duration.ofMillis(250))
                .until(() -> "COMPLETED".equals(family(id).get("/api/v1/applications/" + id).json()
                        .get("status").asString()));
        return family(id).get("/api/v1/applications/" + id).json();
    }

    private static JsonNode result(JsonNode application, Item item) {
        return item(application, item).get("result");
    }

    /** A new family born and settling in Ziyuan county, Guangxi, with the materials of seed 003. */
    private static ObjectNode guangxiFamily() {
        ObjectNode form = JsonHttp.newFamily();
        String county = "450329";
        form.put("region", "450000");
        ((ObjectNode) form.get("mother")).put("householdDivision", county);
        ((ObjectNode) form.get("father")).put("householdDivision", county);
        ((ObjectNode) form.get("newborn")).put("birthDivision", county);
        ((ObjectNode) form.get("household")).put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        var materials = form.putArray("materials");
        for (String material : List.of("PARENTS_ID_CARDS", "PARENTS_HOUSEHOLD_REGISTERS", "MARRIAGE_CERTIFICATE",
                "DELIVERY_RECORD_PAGE")) {
            materials.addObject().put("type", material).put("documentId", "DOC-" + material);
        }
        return form;
    }

    /**
     * A new family filing in Jilin with all seven items: settling in a Jilin family household, the
     * birth certificate already issued by the hospital (on its delivery record, uploaded by health),
     * and the materials of seed 004.
     */
    private static ObjectNode jilinFamily() {
        ObjectNode form = JsonHttp.newFamily();
        String county = "220102";
        form.put("region", "220000");
        ((ObjectNode) form.get("mother")).put("householdDivision", county);
        ((ObjectNode) form.get("father")).put("householdDivision", county);
        ((ObjectNode) form.get("household")).put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        var items = form.putArray("items");
        for (Item item : Item.values()) {
            items.add(item.name());
        }
        var materials = form.putArray("materials");
        for (String material : List.of("BIRTH_CERTIFICATE", "SETTLING_PARENT_HOUSEHOLD_REGISTER", "APPLICANT_ID_CARD")) {
            materials.addObject().put("type", material).put("documentId", "DOC-" + material);
        }
        String certificate = "S%09d".formatted(java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000));
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        newborn.put("birthCertificateNumber", certificate);
        OffsetDateTime born = OffsetDateTime.parse(newborn.get("birthTime").asString());
        String mother = form.get("mother").get("idNumber").asString();
        upload("HEALTH", "delivery-records", """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                E2E-JL-%s,%s,%s,%s,%s,%s,%s
                """.formatted(certificate, newborn.get("hospitalCode").asString(), mother, born,
                newborn.get("sex").asString(), born.plusDays(3), certificate));
        return form;
    }

    /** A new family whose birth the departments know ({@link Portal#knownFamily}). */
    private static ObjectNode family() {
        return portal.knownFamily();
    }

    private static void delivered(JsonNode form) {
        portal.delivered(form);
    }

    private static void upload(String department, String dataset, String csv) {
        portal.upload(department, dataset, csv);
    }
}
