package cn.gov.birth.insurance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Insurance;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationForm.Reimbursement;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.insurance.enrollment.PaymentCallbackController;
import cn.gov.birth.simulator.SignedCallback;
import cn.gov.birth.platform.retention.Purges;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.PartnerCalls;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import cn.gov.birth.security.Role;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * insurance-service against a real PostgreSQL, a real Kafka broker and the tax payment channel
 * (an in-JVM WireMock serving the simulator's mapping), deciding on the insurance department's own
 * insured persons, designated hospitals, contributions and direct settlements (imported as CSV).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InsuranceServiceIntegrationTest extends ServiceIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.MEDICAL_INSURANCE);

    private static final String HOSPITAL = "H520102001";
    private static final String UNDESIGNATED = "H520102900";
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final String TAX = "TAX-CHANNEL";
    /** Plays the tax channel, whose reports (the simulator's signed-callback) are signed. */
    private static final WireMockServer TAX_CHANNEL = new WireMockServer(options().dynamicPort()
            .extensions(new SignedCallback(PartnerCalls.secrets())));

    static {
        TAX_CHANNEL.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_insurance_service");
        registry.add("birth.insurance.tax-channel.url", TAX_CHANNEL::baseUrl);
        registry.add("birth.insurance.tax-channel.poll-interval", () -> "PT0.1S");
        registry.add("birth.insurance.tax-channel.initial-backoff", () -> "PT0.2S");
        registry.add("birth.insurance.tax-channel.max-backoff", () -> "PT0.5S");
        registry.add("birth.insurance.tax-channel.max-attempts", () -> "4");
        registry.add("birth.insurance.tax-channel.recheck-after", () -> "PT8S");
        registry.add("birth.insurance.maternity.unpaid-account-kept", () -> "PT1S");
        // The channel's breaker, opened by the failing channel of one test, lets the next ones through soon.
        registry.add("resilience4j.circuitbreaker.configs.partner.wait-duration-in-open-state", () -> "1s");
    }

    @AfterAll
    static void stopChannel() {
        TAX_CHANNEL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex blindIndex;

    @Autowired
    Purges purges;

    @BeforeEach
    void referenceData() throws IOException {
        TAX_CHANNEL.resetAll();
        // The simulator's own mapping: the order is issued and the demo parent pays at once.
        TAX_CHANNEL.addStubMapping(StubMapping.buildFrom(
                Files.readString(Path.of("../simulator/mappings/tax-payment-orders.json"))));
        int year = LocalDate.now(CHINA).getYear();
        importCsv("designated-hospitals", """
                code,name,county,maternityDirectSettlement
                H520102001,贵阳市妇幼保健院,520102,true
                """);
        importCsv("contributions", """
                region,year,individual,subsidy
                520000,%d,380.00,640.00
                520000,%d,400.00,670.00
                520000,%d,420.00,700.00
                620000,%d,400.00,670.00
                620000,%d,420.00,700.00
                """.formatted(year - 1, year, year + 1, year, year + 1));
    }

    @Test
    void shouldEnrollFromBirthOnceTheChannelReportsThePayment() {
        Family family = new Family();
        UUID id = family.applyForInsurance();

        var requested = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
        var enrolled = probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class,
                e -> e.applicationId().equals(id));

        int year = family.birthDate().getYear();
        assertThat(requested.item()).isEqualTo(Item.MEDICAL_INSURANCE);
        assertThat(requested.amount()).isEqualByComparingTo(individual(year));
        // A random order id: nothing of the application in it.
        assertThat(orderOf(id, 1)).matches("MI-[0-9a-f]{32}").doesNotContain(id.toString());
        assertThat(requested.paymentReference()).isEqualTo("TAX-" + orderOf(id, 1));
        assertThat(requested.payBy()).isAfterOrEqualTo(LocalDate.now(CHINA));
        assertThat(enrolled.insuredYears()).containsExactly(year);
        assertThat(enrolled.contributionDue()).isEqualByComparingTo(individual(year));
        assertThat(enrolled.coverageStart()).isEqualTo(family.birthDate());
        assertThat(enrolled.coverageEnd()).isEqualTo(LocalDate.of(year, 12, 31));
    }

    @Test
    void shouldSealTheCitizenIdNumberOfThePaymentOrderAndKeepOnlyIndexesOfIdNumbersYetSendAndFindThem() {
        Family family = new Family();
        family.insuredMother();
        family.settledAtDischarge(HOSPITAL, "2876.50");
        UUID id = family.applyForInsurance();
        UUID maternity = family.apply(Item.MATERNITY_REIMBURSEMENT);

        probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class, e -> e.applicationId().equals(id));
        probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(maternity));

        assertThat(jdbc.sql("select citizen_id_number from payment_order where application_id = ?").param(id)
                .query(String.class).single()).startsWith("ENC1:");
        assertThat(TAX_CHANNEL.findAll(postRequestedFor(urlPathEqualTo("/tax/payment-orders"))
                .withRequestBody(ofNewborn(family.newbornId)))).isNotEmpty();
        assertThat(jdbc.sql("select citizen_id_number_index from insurance_enrollment where application_id = ?")
                .param(id).query(String.class).single()).isEqualTo(blindIndex.idNumber(family.newbornId));
        assertThat(jdbc.sql("select count(*) from insured_person where id_number_index in (?, ?)")
                .params(blindIndex.idNumber(family.newbornId), blindIndex.idNumber(family.mother))
                .query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from direct_settlement where mother_id_number_index = ?")
                .param(blindIndex.idNumber(family.mother)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldChargeTheFullAmountAndCoverFromTheSixtyFirstDayAfterALatePayment() {
        Family family = new Family();
        family.birthTime = family.birthTime.minusDays(98);
        UUID id = family.applyForInsurance();
        // The year insured is the one coverage starts in (paid within the 7 days, plus the 60 days' wait).
        int year = Math.max(family.birthDate().getYear(), LocalDate.now(CHINA).plusDays(7 + 61).getYear());

        var requested = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
        var enrolled = probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class,
                e -> e.applicationId().equals(id));

        assertThat(requested.amount()).isEqualByComparingTo(individual(year).add(subsidy(year)));
        assertThat(enrolled.insuredYears()).containsExactly(year);
        assertThat(enrolled.coverageStart()).isEqualTo(LocalDate.now(CHINA).plusDays(61));
        assertThat(enrolled.coverageEnd()).isEqualTo(LocalDate.of(year, 12, 31)).isAfter(enrolled.coverageStart());
    }

    @Test
    void shouldWaitForStaffWhenTheContributionIsNotSetAndGoOnOnceApproved() {
        Family family = new Family();
        family.region = "450000";
        family.insurance = new Insurance("450329", List.of("CURRENT"));
        UUID id = family.applyForInsurance();
        var waiting = probe.awaitEvent(Topics.INSURANCE, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("CONTRIBUTION_NOT_SET");
        String task = taskOf(id, Item.MEDICAL_INSURANCE);

        assertThat(approve(task).status()).isEqualTo(409);
        importCsv("contributions", "region,year,individual,subsidy\n450000,%d,390.00,660.00\n"
                .formatted(family.birthDate().getYear()));
        assertThat(approve(task).status()).isEqualTo(200);

        var requested = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
        assertThat(requested.amount()).isEqualByComparingTo("390.00");
        probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldReturnWhenTheInsuredDivisionIsNotInTheRegion() {
        Family family = new Family();
        family.insurance = new Insurance("620102", List.of("CURRENT"));

        assertThat(returned(family.applyForInsurance()).reasonCode()).isEqualTo("INSURED_DIVISION_NOT_IN_REGION");
    }

    @Test
    void shouldRejectANewbornAlreadyInsured() {
        Family family = new Family();
        importCsv("insured-persons", "idNumber,name,insuredDivision,scheme,status\n%s,李安然,520102,RESIDENT,ACTIVE\n"
                .formatted(family.newbornId));
        UUID id = family.applyForInsurance();

        var rejected = probe.awaitEvent(Topics.INSURANCE, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("ALREADY_INSURED");
        assertThat(probe.events(Topics.INSURANCE, PaymentRequested.class, id)).isEmpty();
    }

    @Test
    void shouldReturnWhenGansuNextYearIsChosenForABirthBeforeOctober() {
        Family family = new Family();
        family.region = "620000";
        family.insurance = new Insurance("620102", List.of("NEXT"));
        family.birthTime = OffsetDateTime.parse("2026-05-10T08:00:00+08:00");

        var returned = returned(family.applyForInsurance());

        assertThat(returned.reasonCode()).isEqualTo("NEXT_YEAR_NOT_ALLOWED");
        assertThat(returned.message()).contains("10月1日");
    }

    @Test
    void shouldReturnAnExpiredPaymentAndIssueANewOrderAfterTheSupplement() {
        Family family = new Family();
        UUID id = UUID.randomUUID();
        channelWithoutPayment(family.newbornId);
        family.applyForInsurance(id);
        var first = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));

        assertThat(callback("{\"paymentReference\":\"%s\",\"status\":\"EXPIRED\"}"
                .formatted(first.paymentReference())).status()).isEqualTo(200);
        assertThat(returned(id).reasonCode()).isEqualTo("PAYMENT_EXPIRED");
        assertThat(callback("{\"orderId\":\"%s\",\"status\":\"EXPIRED\"}".formatted(orderOf(id, 1))).status())
                .isEqualTo(200);

        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.MEDICAL_INSURANCE), family.application(id, Item.MEDICAL_INSURANCE)));
        var second = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class,
                e -> e.applicationId().equals(id) && !e.paymentReference().equals(first.paymentReference()));
        assertThat(paid(first.paymentReference()).status()).isEqualTo(409);
        assertThat(paid(second.paymentReference()).status()).isEqualTo(200);

        var enrolled = probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class,
                e -> e.applicationId().equals(id));
        assertThat(enrolled.coverageStart()).isEqualTo(family.birthDate());
        assertThat(paid(second.paymentReference()).status()).isEqualTo(200);
        awaitQuiet(APPLICATIONS);
        assertThat(probe.events(Topics.INSURANCE, MedicalInsuranceEnrolled.class, id)).hasSize(1);
    }

    @Test
    void shouldIssueExactlyOneOrderWhenTheChannelFailsAFewTimes() {
        UUID id = UUID.randomUUID();
        Family family = new Family();
        String scenario = "failing-" + id;
        String state = Scenario.STARTED;
        for (int failure = 1; failure <= 3; failure++) {
            TAX_CHANNEL.stubFor(post(urlPathEqualTo("/tax/payment-orders")).atPriority(1)
                    .withRequestBody(ofNewborn(family.newbornId))
                    .inScenario(scenario).whenScenarioStateIs(state).willSetStateTo("failed " + failure)
                    .willReturn(aResponse().withStatus(503)));
            state = "failed " + failure;
        }
        family.applyForInsurance(id);

        probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class, e -> e.applicationId().equals(id));

        var sent = TAX_CHANNEL.findAll(postRequestedFor(urlPathEqualTo("/tax/payment-orders"))
                .withRequestBody(ofNewborn(family.newbornId)));
        assertThat(sent).hasSize(4);
        byte[] secret = PartnerSecrets.of(null, LocalSecrets.secret(Tokens.DIR, LocalSecrets.PARTNER_MASTER))
                .of(TAX).orElseThrow();
        assertThat(sent).allSatisfy(request -> {
            JsonNode order = JsonHttp.JSON.readTree(request.getBodyAsString());
            assertThat(order.get("orderId").asString()).isEqualTo(orderOf(id, 1));
            assertThat(order.has("applicationId")).isFalse();
            // Every resend signed afresh as this platform's request to the channel.
            assertThat(request.getHeader(PartnerSignature.PARTNER)).isEqualTo(TAX);
            assertThat(PartnerSignature.verify(TAX, request.getHeader(PartnerSignature.TIMESTAMP),
                    request.getHeader(PartnerSignature.NONCE), request.getHeader(PartnerSignature.SIGNATURE),
                    request.getBody(), secret, Instant.now())).isEqualTo(PartnerSignature.Verdict.VALID);
        });
        assertThat(sent.stream().map(request -> request.getHeader(PartnerSignature.NONCE))).doesNotHaveDuplicates();
        assertThat(probe.events(Topics.INSURANCE, PaymentRequested.class, id)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from payment_order where application_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldAskTheChannelAgainAndEnrollWhenItsPaymentReportIsLost() {
        UUID id = UUID.randomUUID();
        Family family = new Family();
        String scenario = "lost-report-" + id;
        // The first report never arrives (this service was down when the channel called).
        TAX_CHANNEL.stubFor(post(urlPathEqualTo("/tax/payment-orders")).atPriority(1)
                .withRequestBody(ofNewborn(family.newbornId))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("issued")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"paymentReference\": \"TAX-{{jsonPath request.body '$.orderId'}}\"}")
                        .withTransformers("response-template")));
        family.applyForInsurance(id);
        probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));

        // Asked again, the channel (the simulator's mapping from here on) reports the payment.
        probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class, e -> e.applicationId().equals(id));

        assertThat(TAX_CHANNEL.findAll(postRequestedFor(urlPathEqualTo("/tax/payment-orders"))
                .withRequestBody(ofNewborn(family.newbornId)))).hasSize(2);
        assertThat(probe.events(Topics.INSURANCE, PaymentRequested.class, id)).hasSize(1);
    }

    @Test
    void shouldHandAnOrderTheChannelNeverTakesToStaffAndSendItAgainOnApproval() {
        UUID id = UUID.randomUUID();
        Family family = new Family();
        TAX_CHANNEL.stubFor(post(urlPathEqualTo("/tax/payment-orders")).atPriority(1)
                .withRequestBody(ofNewborn(family.newbornId))
                .willReturn(aResponse().withStatus(500)));
        family.applyForInsurance(id);

        var waiting = probe.awaitEvent(Topics.INSURANCE, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("PAYMENT_ORDER_FAILED");

        channelWithoutPayment(family.newbornId);
        assertThat(approve(taskOf(id, Item.MEDICAL_INSURANCE)).status()).isEqualTo(200);
        probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldRefuseACallbackWithoutAnOrderOrAStatus() {
        var response = callback("{\"status\":\"LOST\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("orderId", "status");
        assertThat(callback("{\"orderId\":\"MI-unknown-1\",\"status\":\"EXPIRED\"}").status()).isEqualTo(404);
    }

    @Test
    void shouldCancelEnrollmentWhenTheHouseholdRegistrationIsRejected() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.HUKOU, new ItemRejected(UUID.randomUUID(), id, Instant.now(), Item.HUKOU,
                "PARENT_NOT_IN_REGISTER", "父母户籍信息未找到"));
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.MEDICAL_INSURANCE));

        var cancelled = probe.awaitEvent(Topics.INSURANCE, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.MEDICAL_INSURANCE);
        assertThat(probe.events(Topics.INSURANCE, MedicalInsuranceEnrolled.class, id)).isEmpty();
    }

    @Test
    void shouldSettleMaternityExpensesDirectlyOnTheDischargeSettlement() {
        Family family = new Family();
        family.insuredMother();
        family.settledAtDischarge(HOSPITAL, "2876.50");
        UUID id = family.apply(Item.MATERNITY_REIMBURSEMENT);

        var settled = probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(id));

        assertThat(settled.settlement()).isEqualTo("DIRECT");
        assertThat(settled.amount()).isEqualByComparingTo("2876.50");
    }

    @Test
    void shouldLetADirectSettlementStandAtAHospitalNotDesignated() {
        Family family = new Family();
        family.hospital = UNDESIGNATED;
        family.insuredMother();
        family.settledAtDischarge(UNDESIGNATED, "1500.00");
        UUID id = family.apply(Item.MATERNITY_REIMBURSEMENT);

        var settled = probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(id));

        assertThat(settled.settlement()).isEqualTo("DIRECT");
    }

    @Test
    void shouldRejectMaternityReimbursementWhenTheMotherIsNotInsured() {
        Family family = new Family();
        importCsv("insured-persons", "idNumber,name,insuredDivision,scheme,status\n%s,王芳,520102,EMPLOYEE,SUSPENDED\n"
                .formatted(family.mother));
        UUID id = family.apply(Item.MATERNITY_REIMBURSEMENT);

        var rejected = probe.awaitEvent(Topics.INSURANCE, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("MOTHER_NOT_INSURED");
    }

    @Test
    void shouldReturnForABankAccountAndQueueTheManualClaimOnceSupplemented() {
        Family family = new Family();
        family.insuredMother();
        UUID id = family.apply(Item.MATERNITY_REIMBURSEMENT);
        assertThat(returned(id).reasonCode()).isEqualTo("BANK_ACCOUNT_REQUIRED");

        family.reimbursement = new Reimbursement("中国工商银行贵阳分行", "6222020200001234567", "王芳");
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.MATERNITY_REIMBURSEMENT), family.application(id, Item.MATERNITY_REIMBURSEMENT)));

        var waiting = probe.awaitEvent(Topics.INSURANCE, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("MANUAL_CLAIM");
        assertThat(waiting.message()).contains("20个工作日");
    }

    @Test
    void shouldReturnAManualClaimFromAHospitalNotDesignated() {
        Family family = new Family();
        family.hospital = UNDESIGNATED;
        family.insuredMother();
        family.reimbursement = new Reimbursement("中国工商银行贵阳分行", "6222020200001234567", "王芳");

        assertThat(returned(family.apply(Item.MATERNITY_REIMBURSEMENT)).reasonCode())
                .isEqualTo("HOSPITAL_NOT_DESIGNATED");
    }

    @Test
    void shouldRefuseToApproveAManualClaimWithoutAnAssessedAmountWithinTheCeiling() {
        UUID id = manualClaim();
        String taskId = taskOf(id, Item.MATERNITY_REIMBURSEMENT);

        var missing = approve(taskId, null, "ins-007");
        var zero = approve(taskId, "0", "ins-007");
        var fractions = approve(taskId, "2765.505", "ins-007");
        var aboveCeiling = approve(taskId, "50000.01", "ins-007");
        var onAReturn = staff("ins-007").post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskId + "/decisions",
                "{\"decision\":\"RETURN\",\"reasonCode\":\"RECEIPTS_UNCLEAR\",\"message\":\"票据不清晰\",\"amount\":100}");

        for (var refused : List.of(missing, zero, fractions, aboveCeiling, onAReturn)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        }
        assertThat(missing.json().get("detail").asString()).contains("核定金额");
        assertThat(aboveCeiling.json().get("detail").asString()).contains("50000.00元");
        assertThat(taskOf(id, Item.MATERNITY_REIMBURSEMENT)).isEqualTo(taskId);
        assertThat(settlements(id)).isZero();
    }

    @Test
    void shouldPayAManualClaimTheAmountTheOfficerAssessedIntoTheFamilysAccount() {
        UUID id = manualClaim();

        var decided = approve(taskOf(id, Item.MATERNITY_REIMBURSEMENT), "2765.50", "ins-007");

        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("DECIDED");
        assertThat(decided.json().get("amount").decimalValue()).isEqualByComparingTo("2765.50");
        var settled = probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(id));
        assertThat(settled.settlement()).isEqualTo("MANUAL");
        assertThat(settled.amount()).isEqualByComparingTo("2765.50");
        assertThat(settled.paidToBank()).isEqualTo("中国工商银行贵阳分行");
        assertThat(settled.paidToAccount()).isEqualTo("6222***********4567");
        var payout = jdbc.sql("select amount, paid_to_bank, paid_to_account, paid_to_holder from maternity_settlement where application_id = ?")
                .param(id).query().singleRow();
        assertThat((BigDecimal) payout.get("amount")).isEqualByComparingTo("2765.50");
        assertThat(payout.get("paid_to_bank")).isEqualTo("中国工商银行贵阳分行");
        assertThat((String) payout.get("paid_to_account")).startsWith("ENC1:").doesNotContain("6222020200001234567");
        assertThat((String) payout.get("paid_to_holder")).startsWith("ENC1:").doesNotContain("王芳");
        assertThat(claims(id)).isZero();
    }

    @Test
    void shouldPayAnAmountAboveTheThresholdOnlyOnceASecondDifferentOfficerApprovesIt() {
        UUID id = manualClaim();
        String taskId = taskOf(id, Item.MATERNITY_REIMBURSEMENT);

        var first = approve(taskId, "6800.00", "ins-007");
        var again = approve(taskId, "6800.00", "ins-007");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("status").asString()).isEqualTo("OPEN");
        assertThat(first.json().get("firstApprovedBy").asString()).isEqualTo("ins-007");
        assertThat(again.status()).as(again.body()).isEqualTo(403);
        assertThat(again.json().get("detail").asString()).contains("另一名工作人员");
        assertThat(settlements(id)).isZero();

        var second = approve(taskId, null, "ins-008");

        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("status").asString()).isEqualTo("DECIDED");
        assertThat(second.json().get("decidedBy").asString()).isEqualTo("ins-008");
        var settled = probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(id));
        assertThat(settled.amount()).isEqualByComparingTo("6800.00");
        assertThat(jdbc.sql("select actor || ' ' || detail from audit_entry where application_id = ? and action = 'DECIDE' order by seq")
                .param(id).query(String.class).list()).satisfiesExactly(
                entry -> assertThat(entry).startsWith("ins-007").contains("step=FIRST", "amount=6800.00"),
                entry -> assertThat(entry).startsWith("ins-008").contains("decision=APPROVE", "amount=6800.00"));
    }

    @Test
    void shouldLetTheSecondOfficerReturnAnAmountTheFirstApproved() {
        UUID id = manualClaim();
        String taskId = taskOf(id, Item.MATERNITY_REIMBURSEMENT);
        approve(taskId, "6800.00", "ins-007");

        var returned = staff("ins-008").post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskId + "/decisions",
                "{\"decision\":\"RETURN\",\"reasonCode\":\"RECEIPTS_UNCLEAR\",\"message\":\"费用明细与票据金额不符\"}");

        assertThat(returned.status()).as(returned.body()).isEqualTo(200);
        assertThat(returned(id).reasonCode()).isEqualTo("RECEIPTS_UNCLEAR");
        assertThat(settlements(id)).isZero();
    }

    @Test
    void shouldPayAManualClaimOnceWhenItsApplicationAndTheApprovalAreDeliveredAgain() {
        Family family = new Family();
        family.insuredMother();
        family.reimbursement = new Reimbursement("中国工商银行贵阳分行", "6222020200001234567", "王芳");
        UUID id = UUID.randomUUID();
        ApplicationSubmitted application = family.application(id, Item.MATERNITY_REIMBURSEMENT);
        probe.publish(APPLICATIONS, application);
        probe.awaitEvent(Topics.INSURANCE, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        String taskId = taskOf(id, Item.MATERNITY_REIMBURSEMENT);
        approve(taskId, "1200.00", "ins-007");
        probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class, e -> e.applicationId().equals(id));

        probe.publish(APPLICATIONS, application);
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.MATERNITY_REIMBURSEMENT), application));
        var repeated = approve(taskId, "1200.00", "ins-008");
        awaitQuiet(APPLICATIONS);

        assertThat(repeated.status()).as(repeated.body()).isEqualTo(409);
        assertThat(probe.events(Topics.INSURANCE, MaternityReimbursementSettled.class, id)).hasSize(1);
        assertThat(probe.events(Topics.INSURANCE, ItemAwaitingReview.class, id)).hasSize(1);
        assertThat(settlements(id)).isEqualTo(1);
        assertThat(claims(id)).isZero();
    }

    @Test
    void shouldPurgeTheAccountOfAManualClaimThatEndedUnpaidAndKeepAnOpenOne() {
        UUID rejected = manualClaim();
        UUID withdrawn = manualClaim();
        UUID open = manualClaim();
        staff("ins-007").post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskOf(rejected,
                        Item.MATERNITY_REIMBURSEMENT) + "/decisions",
                "{\"decision\":\"REJECT\",\"reasonCode\":\"NOT_MATERNITY_EXPENSE\",\"message\":\"票据不属于生育医疗费用\"}");
        probe.publish(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), withdrawn, Instant.now(),
                List.of(Item.MATERNITY_REIMBURSEMENT), "不再需要"));
        probe.awaitEvent(Topics.INSURANCE, ItemRejected.class, e -> e.applicationId().equals(rejected));
        probe.awaitEvent(Topics.INSURANCE, ItemCancelled.class, e -> e.applicationId().equals(withdrawn));

        // Kept PT1S after the claim here (birth.insurance.maternity.unpaid-account-kept).
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            purges.run();
            return claims(rejected) + claims(withdrawn) == 0;
        });
        assertThat(claims(open)).isEqualTo(1);
    }

    @Test
    void shouldRejectAManualClaimTheOfficersRefuse() {
        UUID id = manualClaim();

        var decided = staff("ins-003").post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskOf(id,
                        Item.MATERNITY_REIMBURSEMENT) + "/decisions",
                "{\"decision\":\"REJECT\",\"reasonCode\":\"NOT_MATERNITY_EXPENSE\",\"message\":\"票据不属于生育医疗费用\"}");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("decidedBy").asString()).isEqualTo("ins-003");
        var rejected = probe.awaitEvent(Topics.INSURANCE, ItemRejected.class, e -> e.applicationId().equals(id));
        assertThat(rejected.reasonCode()).isEqualTo("NOT_MATERNITY_EXPENSE");
        assertThat(probe.events(Topics.INSURANCE, MaternityReimbursementSettled.class, id)).isEmpty();
    }

    @Test
    void shouldImportAllRowsOrNoneAndListEveryBadLine() {
        long before = insuredPersons();

        var response = importCsv("insured-persons", """
                idNumber,name,insuredDivision,scheme,status
                %s,王芳,520102,EMPLOYEE,ACTIVE
                520102199403121221,李强,520102,RESIDENT,ACTIVE
                %s,张三,999999,FARMER,GONE
                """.formatted(SampleEvents.MOTHER_ID, SampleEvents.FATHER_ID));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 3.idNumber", "line 4.insuredDivision", "line 4.scheme",
                        "line 4.status");
        assertThat(insuredPersons()).isEqualTo(before);
        var contributions = importCsv("contributions", "region,year,individual,subsidy\n520102,26,-1,abc\n");
        assertThat(contributions.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 2.region", "line 2.year", "line 2.individual", "line 2.subsidy");
        assertThat(importCsv("direct-settlements", "motherIdNumber,amount\n%s,1\n".formatted(SampleEvents.MOTHER_ID))
                .status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseAPaymentReportNotSignedByTheTaxChannelAndLeaveTheOrderAsItWas() {
        Family family = new Family();
        channelWithoutPayment(family.newbornId);
        UUID id = family.applyForInsurance();
        var requested = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
        String report = paidReport(requested.paymentReference());
        String path = PaymentCallbackController.PATH;

        var unsigned = http().post(path, report);
        var signedForAnotherBody = http().post(path, report, PartnerCalls.signed(TAX, report.replace("PAID", "EXPIRED")));
        var stale = http().post(path, report, PartnerCalls.signedAt(TAX, report, Instant.now().minus(Duration.ofMinutes(6))));
        var byABank = http().post(path, report, PartnerCalls.signed("BANK-ICBC", report));
        // A token is no signature: the route is the channel's alone.
        var byStaff = http().as(Tokens.staff("MEDICAL_INSURANCE")).post(path, report);

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(signedForAnotherBody.status()).isEqualTo(401);
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).contains("stale");
        // Signed, by a partner, but not by the one that reports payments.
        assertThat(byABank.status()).isEqualTo(403);
        assertThat(byStaff.status()).isEqualTo(401);
        assertThat(orderState(id)).isEqualTo("ISSUED");
        assertThat(probe.events(Topics.INSURANCE, MedicalInsuranceEnrolled.class, id)).isEmpty();
    }

    @Test
    void shouldTakeASignedPaymentReportOnceAndRefuseItsReplay() {
        Family family = new Family();
        channelWithoutPayment(family.newbornId);
        UUID id = family.applyForInsurance();
        var requested = probe.awaitEvent(Topics.INSURANCE, PaymentRequested.class, e -> e.applicationId().equals(id));
        String report = paidReport(requested.paymentReference());
        String[] signature = PartnerCalls.signed(TAX, report);

        var first = http().post(PaymentCallbackController.PATH, report, signature);
        var replayed = http().post(PaymentCallbackController.PATH, report, signature);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("orderId").asString()).isEqualTo(orderOf(id, 1));
        assertThat(first.json().get("state").asString()).isEqualTo("PAID");
        assertThat(first.json().has("applicationId")).isFalse();
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("replayed");
        probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class, e -> e.applicationId().equals(id));
        assertThat(orderState(id)).isEqualTo("PAID");
    }

    @Test
    void shouldShowAndDecideTheInsuranceQueueOnlyForInsuranceStaff() {
        UUID id = manualClaim();
        String decision = "/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskOf(id, Item.MATERNITY_REIMBURSEMENT)
                + "/decisions";
        String approve = "{\"decision\":\"APPROVE\",\"message\":\"已核对\"}";

        assertThat(http().get("/api/v1/departments/MEDICAL_INSURANCE/tasks").status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("HEALTH")).get("/api/v1/departments/MEDICAL_INSURANCE/tasks").status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.admin("MEDICAL_INSURANCE")).get("/api/v1/departments/MEDICAL_INSURANCE/tasks")
                .status()).isEqualTo(403);
        assertThat(http().post(decision, approve).status()).isEqualTo(401);
        assertThat(http().as(Tokens.citizen(SampleEvents.MOTHER_ID)).post(decision, approve).status()).isEqualTo(403);
        assertThat(http().as(Tokens.staff("HEALTH")).post(decision, approve).status()).isEqualTo(403);

        // Still open, and nothing settled.
        assertThat(taskOf(id, Item.MATERNITY_REIMBURSEMENT)).isNotBlank();
        assertThat(probe.events(Topics.INSURANCE, MaternityReimbursementSettled.class, id)).isEmpty();
    }

    @Test
    void shouldLetOnlyInsuranceAdministratorsImportOrReadReferenceData() {
        long before = insuredPersons();
        String csv = "idNumber,name,insuredDivision,scheme,status\n%s,王芳,520102,EMPLOYEE,ACTIVE\n"
                .formatted(new Family().mother);
        String path = "/api/v1/departments/MEDICAL_INSURANCE/reference/insured-persons";

        for (String token : List.of(Tokens.admin("HEALTH"), Tokens.staff("MEDICAL_INSURANCE"),
                Tokens.citizen(SampleEvents.MOTHER_ID))) {
            assertThat(http().as(token).postAs(path, "text/csv", csv).status()).isEqualTo(403);
        }
        assertThat(http().postAs(path, "text/csv", csv).status()).isEqualTo(401);
        assertThat(http().as(Tokens.admin("HEALTH")).get("/api/v1/departments/MEDICAL_INSURANCE/reference").status())
                .isEqualTo(403);
        assertThat(insuredPersons()).isEqualTo(before);
    }

    private UUID manualClaim() {
        Family family = new Family();
        family.insuredMother();
        family.reimbursement = new Reimbursement("中国工商银行贵阳分行", "6222020200001234567", "王芳");
        UUID id = family.apply(Item.MATERNITY_REIMBURSEMENT);
        var waiting = probe.awaitEvent(Topics.INSURANCE, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("MANUAL_CLAIM");
        return id;
    }

    /** The channel takes the newborn's orders but nobody pays: the test reports for the channel. */
    private static void channelWithoutPayment(String newbornId) {
        TAX_CHANNEL.stubFor(post(urlPathEqualTo("/tax/payment-orders")).atPriority(1)
                .withRequestBody(ofNewborn(newbornId))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"paymentReference\": \"TAX-{{jsonPath request.body '$.orderId'}}\"}")
                        .withTransformers("response-template")));
    }

    /** The orders for the newborn (the channel is never told the application). */
    private static com.github.tomakehurst.wiremock.matching.StringValuePattern ofNewborn(String newbornId) {
        return matchingJsonPath("$.citizenIdNumber", equalTo(newbornId));
    }

    /** The id of the application's order of that attempt (random: looked up, never derived). */
    private String orderOf(UUID id, int attempt) {
        return jdbc.sql("select order_id from payment_order where application_id = ? and attempt = ?")
                .params(id, attempt).query(String.class).single();
    }

    private String orderState(UUID id) {
        return jdbc.sql("select state from payment_order where application_id = ? and attempt = 1").param(id)
                .query(String.class).single();
    }

    /** The individual amounts imported for last year, this year and the next. */
    private static BigDecimal individual(int year) {
        return new BigDecimal(switch (year - LocalDate.now(CHINA).getYear()) {
            case -1 -> "380.00";
            case 0 -> "400.00";
            default -> "420.00";
        });
    }

    private static BigDecimal subsidy(int year) {
        return new BigDecimal(switch (year - LocalDate.now(CHINA).getYear()) {
            case -1 -> "640.00";
            case 0 -> "670.00";
            default -> "700.00";
        });
    }

    private ItemReturned returned(UUID id) {
        return probe.awaitEvent(Topics.INSURANCE, ItemReturned.class, e -> e.applicationId().equals(id));
    }

    private String taskOf(UUID id, Item item) {
        JsonNode task = staff("ins-001").get("/api/v1/departments/MEDICAL_INSURANCE/tasks?size=100").json()
                .get("items").valueStream()
                .filter(t -> t.get("applicationId").asString().equals(id.toString())
                        && t.get("item").asString().equals(item.name()))
                .findFirst().orElseThrow();
        return task.get("id").asString();
    }

    private JsonHttp.Response approve(String taskId) {
        return staff("ins-007").post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskId + "/decisions",
                "{\"decision\":\"APPROVE\",\"message\":\"已核对\"}");
    }

    /** An officer's approval of a manual claim with the amount assessed (null: none given). */
    private JsonHttp.Response approve(String taskId, String amount, String officer) {
        return staff(officer).post("/api/v1/departments/MEDICAL_INSURANCE/tasks/" + taskId + "/decisions",
                "{\"decision\":\"APPROVE\",\"message\":\"已核对票据\"" + (amount == null ? "" : ",\"amount\":" + amount)
                        + "}");
    }

    private long claims(UUID id) {
        return jdbc.sql("select count(*) from maternity_claim where application_id = ?").param(id)
                .query(Long.class).single();
    }

    private long settlements(UUID id) {
        return jdbc.sql("select count(*) from maternity_settlement where application_id = ?").param(id)
                .query(Long.class).single();
    }

    private JsonHttp.Response paid(String paymentReference) {
        return callback(paidReport(paymentReference));
    }

    private static String paidReport(String paymentReference) {
        return "{\"paymentReference\":\"%s\",\"status\":\"PAID\",\"paidAt\":\"%s\"}"
                .formatted(paymentReference, OffsetDateTime.now(CHINA));
    }

    /** A report as the tax channel makes it: signed. */
    private JsonHttp.Response callback(String body) {
        return http().post(PaymentCallbackController.PATH, body, PartnerCalls.signed(TAX, body));
    }

    private long insuredPersons() {
        return admin().get("/api/v1/departments/MEDICAL_INSURANCE/reference").json().get("insured-persons").asLong();
    }

    private JsonHttp.Response importCsv(String dataset, String csv) {
        return admin().postAs("/api/v1/departments/MEDICAL_INSURANCE/reference/" + dataset, "text/csv", csv);
    }

    /** Without a token. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    /** An insurance officer, named by the token. */
    private JsonHttp staff(String officer) {
        return http().as(Tokens.token(officer, List.of(Role.STAFF), "MEDICAL_INSURANCE", null));
    }

    /** The insurance department's reference data administrator. */
    private JsonHttp admin() {
        return http().as(Tokens.admin("MEDICAL_INSURANCE"));
    }

    /** A family of its own per test: a mother, a newborn and its citizen ID number no other test uses. */
    private final class Family {

        String region = "520000";
        final String mother = ResidentIdNumber.of("520102", LocalDate.of(1990, 1, 1)
                .plusDays(ThreadLocalRandom.current().nextInt(4000)), ThreadLocalRandom.current().nextInt(1, 499) * 2);
        OffsetDateTime birthTime = OffsetDateTime.now(CHINA).minusDays(2).truncatedTo(ChronoUnit.MINUTES);
        final String newbornId = ResidentIdNumber.of("520102", LocalDate.of(2026, 1, 1)
                .plusDays(ThreadLocalRandom.current().nextInt(300)), ThreadLocalRandom.current().nextInt(1, 999));
        String hospital = HOSPITAL;
        Insurance insurance = new Insurance("520102", List.of("CURRENT"));
        Reimbursement reimbursement;

        LocalDate birthDate() {
            return birthTime.atZoneSameInstant(CHINA).toLocalDate();
        }

        void insuredMother() {
            var response = importCsv("insured-persons",
                    "idNumber,name,insuredDivision,scheme,status\n%s,王芳,520102,EMPLOYEE,ACTIVE\n".formatted(mother));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        void settledAtDischarge(String hospitalCode, String amount) {
            var response = importCsv("direct-settlements", "motherIdNumber,hospitalCode,dischargedAt,amount\n%s,%s,%s,%s\n"
                    .formatted(mother, hospitalCode, birthTime.plusDays(3), amount));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        UUID applyForInsurance() {
            return applyForInsurance(UUID.randomUUID());
        }

        /** The application, and the household registration that gives the newborn its ID number. */
        UUID applyForInsurance(UUID id) {
            probe.publish(APPLICATIONS, application(id, Item.MEDICAL_INSURANCE));
            probe.publish(Topics.HUKOU, new HouseholdRegistered(UUID.randomUUID(), id, Instant.now(), newbornId,
                    "520102", "花果园派出所"));
            return id;
        }

        UUID apply(Item item) {
            UUID id = UUID.randomUUID();
            probe.publish(APPLICATIONS, application(id, item));
            return id;
        }

        ApplicationSubmitted application(UUID id, Item item) {
            ApplicationSubmitted sample = SampleEvents.applicationSubmitted(id, "2", birthTime, item);
            Person m = sample.mother();
            Newborn n = sample.newborn();
            return new ApplicationSubmitted(sample.eventId(), id, sample.occurredAt(), sample.reference(), region,
                    sample.items(), sample.applicant(),
                    new Person(m.name(), m.idType(), mother, m.ethnicity(), m.nationality(), m.householdDivision(),
                            m.householdAddress(), m.phone()),
                    sample.father(),
                    new Newborn(n.surname(), n.givenName(), n.sex(), birthTime, n.ethnicity(), n.birthDivision(),
                            hospital, null),
                    sample.household(), insurance, reimbursement, sample.socialSecurityCard(), sample.delivery());
        }
    }
}
