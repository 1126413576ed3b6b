package cn.gov.birth.hukou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * hukou-service against a real PostgreSQL and a real Kafka broker. The context closes after the
 * class, so that its consumers do not take part in {@link TwoInstancesIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HukouServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_hukou_service");
    }

    @LocalServerPort
    int port;

    @Autowired
    CitizenIdNumbers citizenIds;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldRegisterAGirlWithAValidEvenCitizenIdNumberOnceTheCertificateIsIssued() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
        assertThat(ResidentIdNumber.isValid(registered.citizenIdNumber())).isTrue();
        assertThat(ResidentIdNumber.sex(registered.citizenIdNumber())).isEqualTo("2");
        assertThat(registered.policeStation()).isEqualTo("贵阳市公安局南明分局花果园派出所");
    }

    @Test
    void shouldRegisterWhenTheCertificateArrivesBeforeTheApplication() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.BIRTH_CERT, issued(id));
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "1",
                OffsetDateTime.parse("2026-11-21T23:30:00+08:00"), Item.HUKOU));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261121");
        assertThat(ResidentIdNumber.sex(registered.citizenIdNumber())).isEqualTo("1");
    }

    @Test
    void shouldCancelRegistrationWhenTheBirthCertificateIsRejected() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, new ItemRejected(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "MOTHER_IDENTITY_MISMATCH", "母亲身份与分娩记录不符"));

        var cancelled = probe.awaitEvent(Topics.HUKOU, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.HUKOU);
        assertThat(cancelled.reasonCode()).isEqualTo("UPSTREAM_NOT_COMPLETED");
    }

    @Test
    void shouldGiveUniqueValidNumbersToConcurrentRegistrationsOfBoysAndGirls() throws Exception {
        LocalDate day = LocalDate.of(2026, 3, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String sex = i % 2 == 0 ? "1" : "2";
            Callable<String> allocate = () -> transactions.execute(s -> citizenIds.next("520103", day, sex).orElseThrow());
            numbers.add(pool.submit(allocate));
        }
        List<String> assigned = new ArrayList<>();
        for (Future<String> number : numbers) {
            assigned.add(number.get());
        }
        pool.shutdown();

        assertThat(assigned).doesNotHaveDuplicates().allMatch(ResidentIdNumber::isValid);
        assertThat(assigned.stream().filter(n -> ResidentIdNumber.sex(n).equals("1"))).hasSize(100);
    }

    @Test
    void shouldSendTheItemToAnOfficerWhenTheDaysSequenceSpaceIsUsedUpAndNeverGiveADuplicate() {
        jdbc.sql("insert into citizen_id_sequence (division, birth_date, sex, last) values ('520102', ?, '2', ?)")
                .params(LocalDate.of(2026, 11, 19), CitizenIdNumbers.MAX_SEQUENCE - 1).update();
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-19T10:00:00+08:00"), Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var awaiting = probe.awaitEvent(Topics.HUKOU, ItemAwaitingReview.class, e -> e.applicationId().equals(id));

        assertThat(awaiting.reasonCode()).isEqualTo("CITIZEN_ID_SEQUENCE_EXHAUSTED");
        assertThat(awaiting.message()).contains("顺序码已用尽");
        JsonNode task = openTask(id);
        assertThat(task.get("reasonCode").asString()).isEqualTo("CITIZEN_ID_SEQUENCE_EXHAUSTED");
        var approval = decide(task, "{\"decision\": \"APPROVE\"}", "police-0042");
        assertThat(approval.status()).isEqualTo(409);
        assertThat(openTask(id).get("id").asString()).isEqualTo(task.get("id").asString());
        assertThat(probe.events(Topics.HUKOU, HouseholdRegistered.class, id)).isEmpty();
    }

    @Test
    void shouldQueueALateRegistrationAndRegisterItOnceAnOfficerApproves() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "1",
                OffsetDateTime.parse("2025-10-01T10:00:00+08:00"), Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));
        var awaiting = probe.awaitEvent(Topics.HUKOU, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(awaiting.reasonCode()).isEqualTo("LATE_REGISTRATION");
        JsonNode task = openTask(id);

        var approval = decide(task, "{\"decision\": \"APPROVE\"}", "police-0042");

        assertThat(approval.status()).isEqualTo(200);
        assertThat(approval.json().get("decidedBy").asString()).isEqualTo("police-0042");
        assertThat(approval.json().get("decidedAt").isNull()).isFalse();
        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        assertThat(registered.citizenIdNumber()).startsWith("52010220251001");
        assertThat(decide(task, "{\"decision\": \"APPROVE\"}", "police-0043").status()).isEqualTo(409);
    }

    @Test
    void shouldPublishTheOfficersReasonWhenATaskIsReturnedOrRejected() {
        UUID returned = lateApplication();
        UUID rejected = lateApplication();

        var returning = decide(openTask(returned), """
                {"decision": "RETURN", "reasonCode": "HOUSEHOLD_HEAD_CONSENT_MISSING",
                 "message": "请补充户主同意落户的书面意见"}""", "police-0042");
        var rejecting = decide(openTask(rejected), """
                {"decision": "REJECT", "reasonCode": "NOT_IN_REGISTER", "message": "父母户籍信息未找到"}""", "police-0042");

        assertThat(returning.status()).isEqualTo(200);
        assertThat(rejecting.status()).isEqualTo(200);
        var itemReturned = probe.awaitEvent(Topics.HUKOU, ItemReturned.class, e -> e.applicationId().equals(returned));
        assertThat(itemReturned.reasonCode()).isEqualTo("HOUSEHOLD_HEAD_CONSENT_MISSING");
        var itemRejected = probe.awaitEvent(Topics.HUKOU, ItemRejected.class, e -> e.applicationId().equals(rejected));
        assertThat(itemRejected.message()).isEqualTo("父母户籍信息未找到");
        JsonNode decided = http().get("/api/v1/departments/POLICE/tasks?status=DECIDED").json();
        assertThat(decided.valueStream().filter(t -> t.get("applicationId").asString().equals(returned.toString())))
                .singleElement().satisfies(t -> assertThat(t.get("decision").asString()).isEqualTo("RETURN"));
    }

    @Test
    void shouldRegisterWithTheCorrectedBirthDateWhenASupplementArrivesWhileWaitingForTheCertificate() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-19T23:50:00+08:00"), Item.HUKOU));
        ApplicationSubmitted corrected = SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-20T00:10:00+08:00"), Item.HUKOU);
        probe.publish(Topics.APPLICATION, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.BIRTH_CERT), corrected));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
    }

    @Test
    void shouldDecideAgainWhenTheApplicantSupplementsAReturnedRegistration() {
        UUID id = lateApplication();
        decide(openTask(id), """
                {"decision": "RETURN", "reasonCode": "BIRTH_DATE_DOUBTFUL",
                 "message": "出生日期超过登记期限，请核对出生日期"}""", "police-0042");
        probe.awaitEvent(Topics.HUKOU, ItemReturned.class, e -> e.applicationId().equals(id));

        probe.publish(Topics.APPLICATION, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.HUKOU), SampleEvents.applicationSubmitted(id, "2",
                        OffsetDateTime.parse("2026-09-01T10:00:00+08:00"), Item.HUKOU)));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        assertThat(registered.citizenIdNumber()).startsWith("52010220260901");
        assertThat(probe.events(Topics.HUKOU, ItemStarted.class, id)).hasSize(2);
    }

    @Test
    void shouldRefuseADecisionWithoutItsReasonOrItsOfficer() {
        JsonNode task = openTask(lateApplication());

        var noReason = decide(task, "{\"decision\": \"REJECT\"}", "police-0042");
        var noOfficer = decide(task, "{\"decision\": \"APPROVE\"}", null);
        var unknown = decide(task, "{\"decision\": \"MAYBE\"}", "police-0042");
        var otherDepartment = http().get("/api/v1/departments/HEALTH/tasks");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("reasonCode", "message");
        assertThat(noOfficer.status()).isEqualTo(400);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(otherDepartment.status()).isEqualTo(404);
        assertThat(openTask(UUID.fromString(task.get("applicationId").asString())).get("id"))
                .isEqualTo(task.get("id"));
    }

    @Test
    void shouldCancelAWithdrawnRegistrationAndNeverRegisterItWhenTheCertificateArrivesLater() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(Topics.APPLICATION, new ApplicationWithdrawn(UUID.randomUUID(), id, Instant.now(),
                List.of(Item.BIRTH_CERT, Item.HUKOU), null));

        var cancelled = probe.awaitEvent(Topics.HUKOU, ItemCancelled.class, e -> e.applicationId().equals(id));
        probe.publish(Topics.BIRTH_CERT, issued(id));
        awaitQuiet(Topics.BIRTH_CERT);

        assertThat(cancelled.item()).isEqualTo(Item.HUKOU);
        assertThat(cancelled.reasonCode()).isEqualTo("WITHDRAWN");
        assertThat(probe.events(Topics.HUKOU, HouseholdRegistered.class, id)).isEmpty();
        assertThat(probe.events(Topics.HUKOU, ItemCancelled.class, id)).hasSize(1);
    }

    @Test
    void shouldCloseAWithdrawnApplicationsReviewTaskAndKeepARegistrationAlreadyMade() {
        UUID waiting = lateApplication();
        UUID registered = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(registered, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(registered));
        probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(registered));
        JsonNode task = openTask(waiting);

        probe.publish(Topics.APPLICATION, new ApplicationWithdrawn(UUID.randomUUID(), waiting, Instant.now(),
                List.of(Item.HUKOU), "家庭情况变化"));
        probe.publish(Topics.APPLICATION, new ApplicationWithdrawn(UUID.randomUUID(), registered, Instant.now(),
                List.of(Item.HUKOU), null));
        probe.awaitEvent(Topics.HUKOU, ItemCancelled.class, e -> e.applicationId().equals(waiting));
        awaitQuiet(Topics.APPLICATION);

        assertThat(decide(task, "{\"decision\": \"APPROVE\"}", "police-0042").status()).isEqualTo(409);
        assertThat(probe.events(Topics.HUKOU, ItemCancelled.class, registered)).isEmpty();
    }

    private UUID lateApplication() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2025-09-01T10:00:00+08:00"), Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));
        probe.awaitEvent(Topics.HUKOU, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        return id;
    }

    private JsonNode openTask(UUID applicationId) {
        return http().get("/api/v1/departments/POLICE/tasks").json().valueStream()
                .filter(task -> task.get("applicationId").asString().equals(applicationId.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no open task for " + applicationId));
    }

    private JsonHttp.Response decide(JsonNode task, String body, String officer) {
        String path = "/api/v1/departments/POLICE/tasks/" + task.get("id").asString() + "/decisions";
        return officer == null ? http().post(path, body) : http().post(path, body, "X-Staff-Id", officer);
    }

    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    private static BirthCertificateIssued issued(UUID id) {
        return new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000001", false);
    }
}
