package cn.gov.birth.vaccination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * vaccination-service against a real PostgreSQL and a real Kafka broker, deciding on the CDC's own
 * first-dose records (imported as CSV, as an administrator would).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VaccinationServiceIntegrationTest extends ServiceIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.CDC);

    private static final String HOSPITAL = "H520102001";
    private static final String HEADER = "hospitalCode,motherIdNumber,birthTime,vaccine,status,dosedAt,batchNumber\n";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_vaccination_service");
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex blindIndex;

    @Test
    void shouldIssueElectronicVaccinationCertificateWhenTheHepatitisBFirstDoseIsRecorded() {
        Family family = new Family();
        family.dosed("HEPB", "GIVEN");
        UUID id = family.apply();

        var issued = probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class,
                e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).matches("V520000\\d{8}");
        assertThat(probe.events(Topics.VACCINATION, ItemStarted.class, id)).hasSize(1);
    }

    @Test
    void shouldIgnoreApplicationsWithoutVaccinationAndIssueOnceForDuplicates() {
        Family family = new Family();
        family.dosed("HEPB", "GIVEN");
        UUID without = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(without, Item.BIRTH_CERT));
        ApplicationSubmitted application = family.application(twice);
        probe.publish(APPLICATIONS, application);
        probe.publish(APPLICATIONS, application);

        awaitQuiet(APPLICATIONS);
        probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class, e -> e.applicationId().equals(twice));
        assertThat(probe.events(Topics.VACCINATION, VaccinationCertificateIssued.class, twice)).hasSize(1);
        assertThat(probe.events(Topics.VACCINATION, ItemStarted.class, without)).isEmpty();
    }

    @Test
    void shouldWaitForTheHepatitisBDoseRecordAndIssueInTheImportThatBringsIt() {
        Family family = new Family();
        UUID id = family.apply();
        probe.awaitEvent(Topics.VACCINATION, ItemStarted.class, e -> e.applicationId().equals(id));
        awaitQuiet(APPLICATIONS);
        assertThat(waitingForDose(id)).isTrue();

        family.dosed("BCG", "GIVEN");
        assertThat(waitingForDose(id)).as("a BCG dose alone does not make the certificate").isTrue();
        family.dosed("HEPB", "GIVEN");

        assertThat(certificatesOf(id)).as("issued in the import's transaction").isEqualTo(1);
        var issued = probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class,
                e -> e.applicationId().equals(id));
        assertThat(issued.certificateNumber()).matches("V520000\\d{8}");
        assertThat(probe.events(Topics.VACCINATION, ItemNotCompleted.class, id)).isEmpty();
        assertThat(waitingForDose(id)).isFalse();
    }

    @Test
    void shouldKeepOnlyTheIndexOfTheMothersIdNumberYetFindHerWaitingItemWhenHerDoseArrives() {
        Family family = new Family();
        UUID id = family.apply();
        probe.awaitEvent(Topics.VACCINATION, ItemStarted.class, e -> e.applicationId().equals(id));
        awaitQuiet(APPLICATIONS);

        family.dosed("HEPB", "GIVEN");

        assertThat(certificatesOf(id)).isEqualTo(1);
        String index = blindIndex.idNumber(family.mother);
        assertThat(jdbc.sql("select mother_id_number_index from vaccination_request where application_id = ?")
                .param(id).query(String.class).single()).isEqualTo(index);
        assertThat(jdbc.sql("select count(*) from first_dose where mother_id_number_index = ?").param(index)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from first_dose where mother_id_number_index = ?").param(family.mother)
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldReturnWhenTheMothersDosesAreRecordedAtAnotherBirthTime() {
        Family family = new Family();
        family.dosed("HEPB", "GIVEN");
        family.birthTime = family.birthTime.plusMinutes(1);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("BIRTH_TIME_MISMATCH");
    }

    @Test
    void shouldWaitRatherThanReturnWhenOnlyAnEarlierChildsDosesAreRecorded() {
        Family family = new Family();
        OffsetDateTime born = family.birthTime;
        family.birthTime = born.minusYears(2);
        family.dosed("HEPB", "GIVEN");
        family.birthTime = born;
        UUID id = family.apply();

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> waitingForDose(id));
        family.dosed("HEPB", "GIVEN");

        probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class, e -> e.applicationId().equals(id));
        assertThat(probe.events(Topics.VACCINATION, ItemReturned.class, id)).isEmpty();
    }

    @Test
    void shouldReturnWhenTheFirstDoseWasRecordedAtAnotherHospital() {
        Family family = new Family();
        family.dosed("HEPB", "GIVEN");
        family.hospital = "H520102002";

        ItemReturned returned = returned(family.apply());

        assertThat(returned.reasonCode()).isEqualTo("HOSPITAL_MISMATCH");
        assertThat(returned.message()).contains("出生医院");
    }

    @Test
    void shouldIssueAfterASupplementCorrectsTheBirthTime() {
        Family family = new Family();
        family.dosed("HEPB", "GIVEN");
        OffsetDateTime recorded = family.birthTime;
        family.birthTime = recorded.plusMinutes(10);
        UUID id = family.apply();
        assertThat(returned(id).reasonCode()).isEqualTo("BIRTH_TIME_MISMATCH");

        family.birthTime = recorded;
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.VACCINATION), family.application(id)));

        var issued = probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class,
                e -> e.applicationId().equals(id));
        assertThat(issued.certificateNumber()).matches("V520000\\d{8}");
    }

    @Test
    void shouldQueueADeferredFirstDoseAndIssueOnceStaffApprove() {
        Family family = new Family();
        family.dosed("HEPB", "DEFERRED");
        UUID id = family.apply();
        var waiting = probe.awaitEvent(Topics.VACCINATION, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("FIRST_DOSE_DEFERRED");
        assertThat(probe.events(Topics.VACCINATION, VaccinationCertificateIssued.class, id)).isEmpty();

        var decided = decide(id, "{\"decision\":\"APPROVE\",\"message\":\"暂缓原因已由接种医生记录\"}");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("decidedBy").asString()).isEqualTo("cdc-012");
        probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class, e -> e.applicationId().equals(id));
        assertThat(jdbc.sql("select first_dose_deferred from vaccination_certificate where application_id = ?")
                .param(id).query(Boolean.class).single()).isTrue();
    }

    @Test
    void shouldRejectADeferredFirstDoseWhenTheOfficerFindsAContraindication() {
        Family family = new Family();
        family.dosed("HEPB", "DEFERRED");
        UUID id = family.apply();
        probe.awaitEvent(Topics.VACCINATION, ItemAwaitingReview.class, e -> e.applicationId().equals(id));

        var decided = decide(id, """
                {"decision":"REJECT","reasonCode":"VACCINATION_CONTRAINDICATED","message":"新生儿存在接种禁忌，暂不办理预防接种证"}""");

        assertThat(decided.status()).isEqualTo(200);
        var rejected = probe.awaitEvent(Topics.VACCINATION, ItemRejected.class, e -> e.applicationId().equals(id));
        assertThat(rejected.reasonCode()).isEqualTo("VACCINATION_CONTRAINDICATED");
        assertThat(certificatesOf(id)).isZero();
    }

    @Test
    void shouldRejectWhenTheNewbornIsOlderThanTheRegionsCertificateDeadline() {
        Family family = new Family();
        family.birthTime = family.birthTime.minusMonths(13);
        family.dosed("HEPB", "GIVEN");
        UUID id = family.apply();

        var rejected = probe.awaitEvent(Topics.VACCINATION, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("CERTIFICATE_PERIOD_EXPIRED");
        assertThat(rejected.message()).contains("1年").contains("社区预防接种门诊");
        assertThat(certificatesOf(id)).isZero();
    }

    @Test
    void shouldCancelAWaitingItemOnWithdrawalAndNotIssueItWhenTheDoseArrives() {
        Family family = new Family();
        UUID id = family.apply();
        probe.awaitEvent(Topics.VACCINATION, ItemStarted.class, e -> e.applicationId().equals(id));

        probe.publish(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), id, Instant.now(),
                List.of(Item.VACCINATION), "不再需要"));
        var cancelled = probe.awaitEvent(Topics.VACCINATION, ItemCancelled.class, e -> e.applicationId().equals(id));
        family.dosed("HEPB", "GIVEN");

        assertThat(cancelled.reasonCode()).isEqualTo("WITHDRAWN");
        assertThat(certificatesOf(id)).isZero();
    }

    @Test
    void shouldImportAllRowsOrNoneAndListEveryBadLine() {
        long before = firstDoses();

        var response = importCsv(HEADER + """
                H520102001,%1$s,2026-11-20T08:30:00+08:00,HEPB,GIVEN,2026-11-20T09:00:00+08:00,20261101
                H520102001,520102199403121221,2026-11-20T08:30:00+08:00,BCG,GIVEN,2026-11-20T09:00:00+08:00,B1
                H520102001,%1$s,yesterday,MMR,LATER,,
                H520102001,%1$s,2026-11-20T08:30:00+08:00,BCG,DEFERRED,2026-11-20T09:00:00+08:00,B2
                H520102001,%1$s,2026-11-20T08:30:00+08:00,BCG,GIVEN,2026-11-19T09:00:00+08:00,
                """.formatted(SampleEvents.MOTHER_ID));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 3.motherIdNumber", "line 4.birthTime", "line 4.vaccine",
                        "line 4.status", "line 5.dosedAt", "line 5.batchNumber", "line 6.dosedAt",
                        "line 6.batchNumber");
        assertThat(firstDoses()).isEqualTo(before);
        assertThat(importCsv("motherIdNumber,vaccine\n" + SampleEvents.MOTHER_ID + ",HEPB\n").status())
                .isEqualTo(400);
    }

    @Test
    void shouldShowAndDecideTheCdcQueueOnlyForCdcStaff() {
        Family family = new Family();
        family.dosed("HEPB", "DEFERRED");
        UUID id = family.apply();
        probe.awaitEvent(Topics.VACCINATION, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        String decision = "/api/v1/departments/CDC/tasks/" + task(id).get("id").asString() + "/decisions";
        String approve = "{\"decision\":\"APPROVE\",\"message\":\"暂缓原因已由接种医生记录\"}";

        assertThat(http().get("/api/v1/departments/CDC/tasks").status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("HEALTH")).get("/api/v1/departments/CDC/tasks").status()).isEqualTo(403);
        assertThat(http().as(Tokens.admin("CDC")).get("/api/v1/departments/CDC/tasks").status()).isEqualTo(403);
        assertThat(http().post(decision, approve).status()).isEqualTo(401);
        assertThat(http().as(Tokens.citizen(family.mother)).post(decision, approve).status()).isEqualTo(403);
        assertThat(http().as(Tokens.staff("HEALTH")).post(decision, approve).status()).isEqualTo(403);

        assertThat(task(id).get("status").asString()).isEqualTo("OPEN");
        assertThat(certificatesOf(id)).isZero();
    }

    @Test
    void shouldLetOnlyCdcAdministratorsImportOrReadReferenceData() {
        long before = firstDoses();
        String csv = HEADER + "%s,%s,2026-11-20T08:30:00+08:00,HEPB,GIVEN,2026-11-20T09:00:00+08:00,20261101\n"
                .formatted(HOSPITAL, SampleEvents.MOTHER_ID);

        for (String token : List.of(Tokens.admin("HEALTH"), Tokens.staff("CDC"), Tokens.citizen(SampleEvents.MOTHER_ID))) {
            assertThat(http().as(token).postAs("/api/v1/departments/CDC/reference/first-doses", "text/csv", csv)
                    .status()).isEqualTo(403);
        }
        assertThat(http().postAs("/api/v1/departments/CDC/reference/first-doses", "text/csv", csv).status())
                .isEqualTo(401);
        assertThat(http().as(Tokens.admin("HEALTH")).get("/api/v1/departments/CDC/reference").status())
                .isEqualTo(403);
        assertThat(firstDoses()).isEqualTo(before);
    }

    private ItemReturned returned(UUID id) {
        return probe.awaitEvent(Topics.VACCINATION, ItemReturned.class, e -> e.applicationId().equals(id));
    }

    /** Decided by CDC officer cdc-012 (the token's subject). */
    private JsonHttp.Response decide(UUID id, String decision) {
        return http().as(Tokens.token("cdc-012", List.of(Role.STAFF), "CDC", null))
                .post("/api/v1/departments/CDC/tasks/" + task(id).get("id").asString() + "/decisions", decision);
    }

    /** The application's task in the CDC queue, open or decided. */
    private JsonNode task(UUID id) {
        return java.util.stream.Stream.of("OPEN", "DECIDED")
                .flatMap(status -> staff().get("/api/v1/departments/CDC/tasks?size=100&status=" + status).json()
                        .get("items").valueStream())
                .filter(t -> t.get("applicationId").asString().equals(id.toString())).findFirst().orElseThrow();
    }

    private boolean waitingForDose(UUID id) {
        return jdbc.sql("select waiting_for_dose from vaccination_request where application_id = ?").param(id)
                .query(Boolean.class).single();
    }

    private long certificatesOf(UUID id) {
        return jdbc.sql("select count(*) from vaccination_certificate where application_id = ?").param(id)
                .query(Long.class).single();
    }

    private long firstDoses() {
        return admin().get("/api/v1/departments/CDC/reference").json().get("first-doses").asLong();
    }

    private JsonHttp.Response importCsv(String csv) {
        return admin().postAs("/api/v1/departments/CDC/reference/first-doses", "text/csv", csv);
    }

    /** Without a token. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    /** A CDC officer. */
    private JsonHttp staff() {
        return http().as(Tokens.staff("CDC"));
    }

    /** The CDC's reference data administrator. */
    private JsonHttp admin() {
        return http().as(Tokens.admin("CDC"));
    }

    /**
     * A family of its own per test (a mother and a minute of birth no other test uses), the newborn
     * born in the last three days so that every region's certificate deadline is ahead whenever the
     * tests run.
     */
    private final class Family {

        final String mother = ResidentIdNumber.of("520102", LocalDate.of(1994, 3, 12)
                .plusDays(ThreadLocalRandom.current().nextInt(3000)), ThreadLocalRandom.current().nextInt(1, 499) * 2);
        OffsetDateTime birthTime = OffsetDateTime.now(ZoneOffset.ofHours(8)).truncatedTo(ChronoUnit.MINUTES)
                .minusMinutes(ThreadLocalRandom.current().nextInt(1, 60 * 24 * 3));
        String hospital = HOSPITAL;

        /** The delivery hospital reports a dose of this birth, as it stands now. */
        void dosed(String vaccine, String status) {
            boolean given = status.equals("GIVEN");
            var response = importCsv(HEADER + "%s,%s,%s,%s,%s,%s,%s\n".formatted(HOSPITAL, mother, birthTime, vaccine,
                    status, given ? birthTime.plusHours(2) : "", given ? "2026" + vaccine + "01" : ""));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        UUID apply() {
            UUID id = UUID.randomUUID();
            probe.publish(APPLICATIONS, application(id));
            return id;
        }

        ApplicationSubmitted application(UUID id) {
            ApplicationSubmitted sample = SampleEvents.applicationSubmitted(id, "2", birthTime, Item.VACCINATION);
            Person m = sample.mother();
            Newborn n = sample.newborn();
            return new ApplicationSubmitted(sample.eventId(), id, sample.occurredAt(), sample.reference(),
                    sample.region(), sample.items(), sample.applicant(),
                    new Person(m.name(), m.idType(), mother, m.ethnicity(), m.nationality(), m.householdDivision(),
                            m.householdAddress(), m.phone()),
                    sample.father(),
                    new Newborn(n.surname(), n.givenName(), n.sex(), birthTime, n.ethnicity(), n.birthDivision(),
                            hospital, n.birthCertificateNumber()),
                    sample.household(), sample.insurance(), sample.reimbursement(), sample.socialSecurityCard(),
                    sample.delivery());
        }
    }
}
