package cn.gov.birth.hukou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Household;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
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
 * hukou-service against a real PostgreSQL and a real Kafka broker, deciding on the police's own
 * population register and police stations (imported as CSV, as an administrator would). The
 * context closes after the class, so that its consumers do not take part in
 * {@link TwoInstancesIntegrationTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HukouServiceIntegrationTest extends ServiceIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.POLICE);

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

    @Autowired
    BlindIndex blindIndex;

    private static final AtomicInteger FAMILIES = new AtomicInteger();

    /** The sample family (settling with the father, head of a household in 520102) and its county's station. */
    @BeforeEach
    void sampleFamilyInTheRegister() {
        load(RegisterRows.of(SampleEvents.applicationSubmitted(UUID.randomUUID(), Item.HUKOU)));
        assertThat(importCsv("police-stations", RegisterRows.policeStation("520102")).status()).isEqualTo(200);
    }

    @Test
    void shouldRegisterOnTheRegisteredHouseholdAndLeaveAPrintingNoticeForTheStationNewestFirst() {
        Family earlier = new Family();
        load(earlier.rows());
        UUID first = earlier.apply();
        probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(first));
        Family family = new Family();
        RegisterRows rows = family.rows();
        load(rows);

        UUID id = family.apply();

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
        assertThat(registered.householdDivision()).isEqualTo("520102");
        assertThat(registered.policeStation()).isEqualTo("贵阳市公安局南明分局花果园派出所");
        List<JsonNode> notices = staff().get("/api/v1/departments/POLICE/printing-notices?station="
                + RegisterRows.stationCode("520102")).json().valueStream().toList();
        List<String> order = notices.stream().map(n -> n.get("applicationId").asString()).toList();
        assertThat(order).contains(id.toString(), first.toString());
        assertThat(order.indexOf(id.toString())).isLessThan(order.indexOf(first.toString()));
        JsonNode notice = notices.get(order.indexOf(id.toString()));
        assertThat(notice.get("stationCode").asString()).isEqualTo(RegisterRows.stationCode("520102"));
        assertThat(notice.get("citizenIdNumber").asString()).isEqualTo(registered.citizenIdNumber());
        assertThat(notice.get("newbornName").asString()).isEqualTo("李安然");
        assertThat(jdbc.sql("select actor || ' ' || action || ' ' || detail from audit_entry where application_id = ?")
                .param(id).query(String.class).list())
                .contains("staff-police READ_APPLICATION via=printing-notice,station=" + RegisterRows.stationCode("520102"));
        assertThat(notice.get("householdNumber").asString()).isEqualTo(rows.settling.get("householdNumber"));
        assertThat(staff().get("/api/v1/departments/POLICE/printing-notices").status()).isEqualTo(400);
    }

    @Test
    void shouldKeepTheRegisterAsIndexesAndTheNewbornsCitizenIdNumberSealedYetFindAndShowThem() {
        Family family = new Family();
        load(family.rows());

        UUID id = family.apply();

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        String citizenId = registered.citizenIdNumber();
        assertThat(jdbc.sql("select id_number_index from population_register where id_number_index = ?")
                .param(blindIndex.idNumber(family.fatherId)).query(String.class).list()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from population_register where id_number_index = ? "
                        + "or head_id_number_index = ?").params(family.fatherId, family.fatherId)
                .query(Long.class).single()).isZero();
        var stored = jdbc.sql("select citizen_id_number, citizen_id_number_index from household_registration "
                + "where application_id = ?").param(id).query().singleRow();
        assertThat((String) stored.get("citizen_id_number")).startsWith("ENC1:").doesNotContain(citizenId);
        assertThat(stored.get("citizen_id_number_index")).isEqualTo(blindIndex.idNumber(citizenId));
        assertThat(jdbc.sql("select citizen_id_number from printing_notice where application_id = ?").param(id)
                .query(String.class).single()).startsWith("ENC1:");
        assertThat(staff().get("/api/v1/departments/POLICE/printing-notices?station=" + RegisterRows.stationCode("520102"))
                .json().valueStream().filter(n -> n.get("applicationId").asString().equals(id.toString()))
                .map(n -> n.get("citizenIdNumber").asString())).containsExactly(citizenId);
    }

    @Test
    void shouldReturnWhenParentNotInRegister() {
        Family family = new Family();
        RegisterRows rows = family.rows();
        rows.settling = null;
        load(rows);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("PARENT_NOT_IN_REGISTER");
    }

    @Test
    void shouldReturnWhenTheParentsNameIsNotTheRegisteredOne() {
        Family family = new Family();
        RegisterRows rows = family.rows();
        rows.settling.put("name", "张卫");
        load(rows);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("PARENT_NAME_MISMATCH");
    }

    @Test
    void shouldReturnWhenTheParentsHouseholdIsRegisteredInAnotherCounty() {
        Family family = new Family();
        RegisterRows rows = family.rows();
        rows.settling.put("householdDivision", "520103");
        load(rows);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("HOUSEHOLD_NOT_IN_COUNTY");
    }

    @Test
    void shouldReturnWhenTheHeadOnTheFormIsNotTheHeadOfTheRegisteredHousehold() {
        Family family = new Family();
        load(family.rows());
        family.headIsMother = true;

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("HOUSEHOLD_HEAD_MISMATCH");
    }

    @Test
    void shouldReturnWhenTheNewbornsEthnicityIsNeitherParentsRegisteredOne() {
        Family family = new Family();
        load(family.rows());
        family.newbornEthnicity = "03";

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("NEWBORN_ETHNICITY_NOT_OF_PARENTS");
    }

    @Test
    void shouldRegisterWithTheEthnicityOfTheParentTheNewbornDoesNotSettleWith() {
        Family family = new Family();
        family.motherEthnicity = "03";
        family.newbornEthnicity = "03";
        load(family.rows());

        UUID id = family.apply();

        probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldRejectWhenTheSettlingParentsRegistrationIsCancelled() {
        Family family = new Family();
        RegisterRows rows = family.rows();
        rows.settling.put("status", "CANCELLED");
        load(rows);
        UUID id = family.apply();

        var rejected = probe.awaitEvent(Topics.HUKOU, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("PARENT_REGISTRATION_CANCELLED");
        assertThat(rejected.message()).contains("户口已注销");
        assertThat(probe.events(Topics.HUKOU, HouseholdRegistered.class, id)).isEmpty();
    }

    @Test
    void shouldWaitForAnOfficerWhenTheCountyHasNoPoliceStationAndRegisterOnceTheStationIsLoaded() {
        Family family = new Family("520111");
        load(family.rows());
        UUID id = family.apply();
        var awaiting = probe.awaitEvent(Topics.HUKOU, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(awaiting.reasonCode()).isEqualTo("NO_POLICE_STATION");
        JsonNode task = openTask(id);

        var tooEarly = decide(task, "{\"decision\": \"APPROVE\"}", "police-0042");

        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(openTask(id).get("id").asString()).isEqualTo(task.get("id").asString());
        assertThat(importCsv("police-stations", RegisterRows.policeStation("520111")).status()).isEqualTo(200);
        assertThat(decide(task, "{\"decision\": \"APPROVE\"}", "police-0042").status()).isEqualTo(200);
        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        assertThat(registered.citizenIdNumber()).startsWith("52011120261120");
        assertThat(registered.policeStation()).isEqualTo("520111公安分局出生登记派出所");
        assertThat(staff().get("/api/v1/departments/POLICE/printing-notices?station="
                + RegisterRows.stationCode("520111")).json().valueStream()
                .map(n -> n.get("applicationId").asString())).containsExactly(id.toString());
    }

    @Test
    void shouldRegisterWhenTheApplicantCorrectsTheNameOfAReturnedRegistration() {
        Family family = new Family();
        RegisterRows rows = family.rows();
        rows.settling.put("name", "张卫");
        load(rows);
        UUID id = family.apply();
        assertThat(returned(id).reasonCode()).isEqualTo("PARENT_NAME_MISMATCH");

        family.fatherName = "张卫";
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.HUKOU), family.application(id)));

        probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));
        assertThat(probe.events(Topics.HUKOU, ItemStarted.class, id)).hasSize(2);
    }

    @Test
    void shouldImportAllRegisterRowsOrNoneAndListEveryBadLine() {
        JsonNode before = referenceCounts();
        String valid = ResidentIdNumber.of("520102", LocalDate.of(1988, 8, 8), 11);

        var register = importCsv("population-register", """
                idNumber,name,householdDivision,householdNumber,headIdNumber,relationToHead,ethnicity,status
                %s,赵磊,520102,520102-000777,%s,02,01,ACTIVE
                520102199403121221,钱多,520102,520102-000777,520102199403121221,02,01,ACTIVE
                %s,孙丽,520100,520102-000778,%s,10,00,GONE
                """.formatted(valid, valid, valid, valid));
        var stations = importCsv("police-stations", """
                county,code,name,address
                520100,p-1,,贵阳市
                """);

        assertThat(register.status()).isEqualTo(400);
        assertThat(register.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 3.idNumber", "line 3.headIdNumber", "line 4.householdDivision",
                        "line 4.relationToHead", "line 4.ethnicity", "line 4.status");
        assertThat(stations.status()).isEqualTo(400);
        assertThat(stations.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 2.county", "line 2.code", "line 2.name");
        assertThat(importCsv("population-register", "idNumber,name\n" + valid + ",赵磊\n").status()).isEqualTo(400);
        assertThat(referenceCounts()).isEqualTo(before);
    }

    @Test
    void shouldRegisterAGirlWithAValidEvenCitizenIdNumberOnceTheCertificateIsIssued() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));
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
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "1",
                OffsetDateTime.parse("2026-11-21T23:30:00+08:00"), Item.HUKOU));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261121");
        assertThat(ResidentIdNumber.sex(registered.citizenIdNumber())).isEqualTo("1");
    }

    @Test
    void shouldCancelRegistrationWhenTheBirthCertificateIsRejected() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));
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
        jdbc.sql("""
                        insert into citizen_id_sequence (division, birth_date, sex, last) values ('520102', ?, '2', ?)
                        on conflict (division, birth_date, sex) do update set last = excluded.last""")
                .params(LocalDate.of(2026, 11, 19), CitizenIdNumbers.MAX_SEQUENCE - 1).update();
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "2",
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
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "1",
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
        JsonNode decided = staff().get("/api/v1/departments/POLICE/tasks?status=DECIDED&size=100").json().get("items");
        assertThat(decided.valueStream().filter(t -> t.get("applicationId").asString().equals(returned.toString())))
                .singleElement().satisfies(t -> assertThat(t.get("decision").asString()).isEqualTo("RETURN"));
    }

    @Test
    void shouldRegisterWithTheCorrectedBirthDateWhenASupplementArrivesWhileWaitingForTheCertificate() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-19T23:50:00+08:00"), Item.HUKOU));
        ApplicationSubmitted corrected = SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-20T00:10:00+08:00"), Item.HUKOU);
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.BIRTH_CERT), corrected));
        // The certificate comes on another topic: only once the supplement is in is it "while waiting".
        awaitQuiet(APPLICATIONS);
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
    }

    @Test
    void shouldRegisterTheCertifiedBirthWhenTheCertificateArrivesBeforeTheCorrectedForm() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-19T23:50:00+08:00"), Item.HUKOU));
        awaitQuiet(APPLICATIONS);
        // Issued on the corrected form, whose supplement this service has not read yet.
        probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                "Q000000002", false, OffsetDateTime.parse("2026-11-20T00:10:00+08:00"), "2"));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
    }

    @Test
    void shouldCountTheRegistrationPeriodToTheApplicationNotToWhenTheCertificateCame() {
        UUID id = UUID.randomUUID();
        ApplicationSubmitted sample = SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2025-09-01T10:00:00+08:00"), Item.HUKOU);
        // Applied within Guizhou's year; the certificate (rare characters, say) took until now.
        Instant applied = Instant.parse("2026-08-01T02:00:00Z");
        probe.publish(APPLICATIONS, new ApplicationSubmitted(sample.eventId(), id, applied, sample.reference(),
                sample.region(), sample.items(), sample.applicant(), sample.mother(), sample.father(),
                sample.newborn(), sample.household(), sample.insurance(), sample.reimbursement(),
                sample.socialSecurityCard(), sample.delivery()));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220250901");
        assertThat(probe.events(Topics.HUKOU, ItemAwaitingReview.class, id)).isEmpty();
    }

    @Test
    void shouldDecideAgainWhenTheApplicantSupplementsAReturnedRegistration() {
        UUID id = lateApplication();
        decide(openTask(id), """
                {"decision": "RETURN", "reasonCode": "BIRTH_DATE_DOUBTFUL",
                 "message": "出生日期超过登记期限，请核对出生日期"}""", "police-0042");
        probe.awaitEvent(Topics.HUKOU, ItemReturned.class, e -> e.applicationId().equals(id));

        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
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
        // The officer is whoever the token names: without one there is nobody to decide.
        var noOfficer = decide(task, "{\"decision\": \"APPROVE\"}", null);
        var unknown = decide(task, "{\"decision\": \"MAYBE\"}", "police-0042");
        // Health staff may ask for their own queue, which this service does not hold.
        var otherDepartment = http().as(Tokens.staff("HEALTH")).get("/api/v1/departments/HEALTH/tasks");

        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("reasonCode", "message");
        assertThat(noOfficer.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactly("decision");
        assertThat(otherDepartment.status()).isEqualTo(404);
        assertThat(openTask(UUID.fromString(task.get("applicationId").asString())).get("id"))
                .isEqualTo(task.get("id"));
    }

    @Test
    void shouldCancelAWithdrawnRegistrationAndNeverRegisterItWhenTheCertificateArrivesLater() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), id, Instant.now(),
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
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(registered, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(registered));
        probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(registered));
        JsonNode task = openTask(waiting);

        probe.publish(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), waiting, Instant.now(),
                List.of(Item.HUKOU), "家庭情况变化"));
        probe.publish(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), registered, Instant.now(),
                List.of(Item.HUKOU), null));
        probe.awaitEvent(Topics.HUKOU, ItemCancelled.class, e -> e.applicationId().equals(waiting));
        awaitQuiet(APPLICATIONS);

        assertThat(decide(task, "{\"decision\": \"APPROVE\"}", "police-0042").status()).isEqualTo(409);
        assertThat(probe.events(Topics.HUKOU, ItemCancelled.class, registered)).isEmpty();
    }

    @Test
    void shouldShowAndDecideThePoliceQueueOnlyForPoliceStaff() {
        JsonNode task = openTask(lateApplication());
        String decision = "/api/v1/departments/POLICE/tasks/" + task.get("id").asString() + "/decisions";
        String approve = "{\"decision\": \"APPROVE\"}";

        assertThat(http().get("/api/v1/departments/POLICE/tasks").status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("HEALTH")).get("/api/v1/departments/POLICE/tasks").status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.admin("POLICE")).get("/api/v1/departments/POLICE/tasks").status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.citizen(SampleEvents.MOTHER_ID)).post(decision, approve).status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.staff("HEALTH")).post(decision, approve).status()).isEqualTo(403);
        String notices = "/api/v1/departments/POLICE/printing-notices?station=" + RegisterRows.stationCode("520102");
        assertThat(http().get(notices).status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("HEALTH")).get(notices).status()).isEqualTo(403);
        assertThat(http().as(Tokens.admin("POLICE")).get(notices).status()).isEqualTo(403);

        assertThat(openTask(UUID.fromString(task.get("applicationId").asString())).get("id")).isEqualTo(task.get("id"));
    }

    @Test
    void shouldLetOnlyPoliceAdministratorsImportOrReadReferenceData() {
        JsonNode before = referenceCounts();
        String station = RegisterRows.policeStation("520113");

        for (String token : List.of(Tokens.admin("HEALTH"), Tokens.staff("POLICE"),
                Tokens.citizen(SampleEvents.MOTHER_ID))) {
            assertThat(http().as(token).postAs("/api/v1/departments/POLICE/reference/police-stations", "text/csv",
                    station).status()).isEqualTo(403);
        }
        assertThat(http().postAs("/api/v1/departments/POLICE/reference/police-stations", "text/csv", station)
                .status()).isEqualTo(401);
        assertThat(http().as(Tokens.admin("HEALTH")).get("/api/v1/departments/POLICE/reference").status())
                .isEqualTo(403);
        assertThat(referenceCounts()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from police_station where county = '520113'").query(Long.class).single())
                .isZero();
    }

    private ItemReturned returned(UUID id) {
        return probe.awaitEvent(Topics.HUKOU, ItemReturned.class, e -> e.applicationId().equals(id));
    }

    private void load(RegisterRows rows) {
        var response = importCsv("population-register", rows.populationRegister());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonHttp.Response importCsv(String dataset, String csv) {
        return admin().postAs("/api/v1/departments/POLICE/reference/" + dataset, "text/csv", csv);
    }

    private JsonNode referenceCounts() {
        return admin().get("/api/v1/departments/POLICE/reference").json();
    }

    private UUID lateApplication() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2025-09-01T10:00:00+08:00"), Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));
        probe.awaitEvent(Topics.HUKOU, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        return id;
    }

    private JsonNode openTask(UUID applicationId) {
        return staff().get("/api/v1/departments/POLICE/tasks?size=100").json().get("items").valueStream()
                .filter(task -> task.get("applicationId").asString().equals(applicationId.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no open task for " + applicationId));
    }

    /** A decision by the police officer whose token names them; {@code null}: without a token. */
    private JsonHttp.Response decide(JsonNode task, String body, String officer) {
        String path = "/api/v1/departments/POLICE/tasks/" + task.get("id").asString() + "/decisions";
        return officer == null ? http().post(path, body) : staff(officer).post(path, body);
    }

    /** Without a token. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    /** A police officer. */
    private JsonHttp staff() {
        return http().as(Tokens.staff("POLICE"));
    }

    private JsonHttp staff(String officer) {
        return http().as(Tokens.token(officer, List.of(Role.STAFF), "POLICE", null));
    }

    /** The police's reference data administrator. */
    private JsonHttp admin() {
        return http().as(Tokens.admin("POLICE"));
    }

    private static BirthCertificateIssued issued(UUID id) {
        return new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000001", false);
    }

    /**
     * A family no other test uses: parents of their own in one household of the county, settling
     * with the father, who is the head; a girl born 2026-11-20 whose certificate is issued.
     */
    private final class Family {

        private final int n = FAMILIES.incrementAndGet();
        private final String county;
        final String fatherId;
        final String motherId;
        String fatherName = "张伟";
        String motherEthnicity = "01";
        String newbornEthnicity = "01";
        boolean headIsMother;

        Family() {
            this("520102");
        }

        Family(String county) {
            this.county = county;
            LocalDate born = LocalDate.of(1990, 1, 1).plusDays(n);
            fatherId = ResidentIdNumber.of(county, born, 101);
            motherId = ResidentIdNumber.of(county, born, 102);
        }

        /** The rows that make the form as it is now registrable. */
        RegisterRows rows() {
            return RegisterRows.of(application(UUID.randomUUID()));
        }

        UUID apply() {
            UUID id = UUID.randomUUID();
            probe.publish(APPLICATIONS, application(id));
            probe.publish(Topics.BIRTH_CERT, issued(id));
            return id;
        }

        ApplicationSubmitted application(UUID id) {
            ApplicationSubmitted sample = SampleEvents.applicationSubmitted(id, Item.HUKOU);
            Person father = new Person(fatherName, "RESIDENT_ID", fatherId, "01", "CHN", county, "某路" + n + "号",
                    "13900139000");
            Person mother = new Person("刘敏", "RESIDENT_ID", motherId, motherEthnicity, "CHN", county,
                    "某路" + n + "号", "13800138000");
            Person head = headIsMother ? mother : father;
            Newborn newborn = sample.newborn();
            Household household = sample.household();
            return new ApplicationSubmitted(sample.eventId(), id, sample.occurredAt(), sample.reference(),
                    sample.region(), sample.items(), sample.applicant(), mother, father,
                    new Newborn(newborn.surname(), newborn.givenName(), newborn.sex(), newborn.birthTime(),
                            newbornEthnicity, newborn.birthDivision(), newborn.hospitalCode(),
                            newborn.birthCertificateNumber()),
                    new Household("FATHER", county, head.name(), head.idNumber(), household.relationToHead(),
                            household.nativePlace()),
                    sample.insurance(), sample.reimbursement(), sample.socialSecurityCard(), sample.delivery());
        }
    }
}
