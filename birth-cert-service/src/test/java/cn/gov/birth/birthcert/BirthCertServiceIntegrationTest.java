package cn.gov.birth.birthcert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Delivery;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationForm.Recipient;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * birth-cert-service against a real PostgreSQL and a real Kafka broker, deciding on the health
 * department's own hospitals and delivery records (imported as CSV, as an administrator would).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BirthCertServiceIntegrationTest extends ServiceIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.HEALTH);

    private static final String HOSPITAL = "H520102001";
    private static final String UNQUALIFIED = "H520102900";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_birth_cert_service");
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex blindIndex;

    @BeforeEach
    void hospitals() {
        importCsv("hospitals", """
                code,name,county,qualified
                H520102001,贵阳市妇幼保健院,520102,true
                H520102900,南明区某诊所,520102,false
                """);
    }

    @Test
    void shouldIssueACertificateWhenTheDeliveryRecordMatches() {
        Family family = newFamily();
        family.delivered("2", null);
        UUID id = family.apply();

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).matches("Q\\d{9}");
        assertThat(issued.verified()).isFalse();
        assertThat(issued.birthTime().toInstant()).isEqualTo(family.birthTime.toInstant());
        assertThat(issued.sex()).isEqualTo("2");
        assertThat(probe.events(Topics.BIRTH_CERT, ItemStarted.class, id)).hasSize(1);
    }

    @Test
    void shouldKeepOnlyTheIndexOfTheMothersIdNumberOnTheDeliveryRecordAndStillMatchIt() {
        Family family = newFamily();
        family.delivered("2", null);
        UUID id = family.apply();

        probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        var stored = jdbc.sql("select * from delivery_record where record_number = ?").param(family.recordNumber)
                .query().singleRow();
        assertThat(stored.get("mother_id_number_index")).isEqualTo(blindIndex.idNumber(family.mother));
        assertThat(stored.values()).noneMatch(value -> family.mother.equals(value));
    }

    @Test
    void shouldReturnWhenNoDeliveryRecordExists() {
        UUID id = newFamily().apply();

        assertThat(returned(id).reasonCode()).isEqualTo("DELIVERY_RECORD_NOT_FOUND");
    }

    @Test
    void shouldReturnWhenTheMothersIdNumberIsNotTheOneOnTheRecord() {
        Family family = newFamily();
        family.delivered("2", null);
        family.mother = ResidentIdNumber.of("520102", LocalDate.of(1990, 5, 5), family.sequence + 2);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("MOTHER_IDENTITY_MISMATCH");
    }

    @Test
    void shouldReturnWhenTheBirthTimeIsNotTheOneOnTheRecord() {
        Family family = newFamily();
        family.delivered("2", null);
        family.birthTime = family.birthTime.plusHours(1);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("BIRTH_TIME_MISMATCH");
    }

    @Test
    void shouldReturnWhenTheSexIsNotTheOneOnTheRecord() {
        Family family = newFamily();
        family.delivered("1", null);

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("SEX_MISMATCH");
    }

    @Test
    void shouldReturnWhenTheHospitalIsUnknown() {
        Family family = newFamily();
        family.hospital = "H999999999";

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("HOSPITAL_NOT_FOUND");
    }

    @Test
    void shouldRejectWhenTheHospitalIsNotAQualifiedDeliveryHospital() {
        Family family = newFamily();
        family.hospital = UNQUALIFIED;
        UUID id = family.apply();

        var rejected = probe.awaitEvent(Topics.BIRTH_CERT, ItemRejected.class, e -> e.applicationId().equals(id));

        assertThat(rejected.reasonCode()).isEqualTo("HOSPITAL_NOT_QUALIFIED");
        assertThat(rejected.message()).contains("单项办理");
    }

    @Test
    void shouldIssueAfterASupplementCorrectsTheBirthTime() {
        Family family = newFamily();
        family.delivered("2", null);
        OffsetDateTime recorded = family.birthTime;
        family.birthTime = recorded.plusMinutes(10);
        UUID id = family.apply();
        assertThat(returned(id).reasonCode()).isEqualTo("BIRTH_TIME_MISMATCH");

        family.birthTime = recorded;
        probe.publish(APPLICATIONS, ApplicationSupplemented.of(UUID.randomUUID(), Instant.now(),
                List.of(Item.BIRTH_CERT), family.application(id)));

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
        assertThat(issued.certificateNumber()).matches("Q\\d{9}");
    }

    @Test
    void shouldVerifyACertificateTheHospitalAlreadyIssued() {
        Family family = newFamily();
        String number = "S%09d".formatted(ThreadLocalRandom.current().nextInt(1_000_000_000));
        family.delivered("2", number);
        family.certificate = number;
        UUID id = family.apply();

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).isEqualTo(number);
        assertThat(issued.verified()).isTrue();
        assertThat(issued.handover()).as("a certificate issued before the application is in the family's hands").isNull();
    }

    @Test
    void shouldMailTheCertificateUnderAWaybillOfTheCarriersRangeWhenTheFamilyChoseMail() {
        Family family = newFamily();
        family.delivered("2", null);
        family.delivery = new Delivery("MAIL", "PICKUP", new Recipient("王芳", "13800138000", "贵州省贵阳市南明区花果园路1号"));
        UUID id = family.apply();

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.handover().carrier()).isEqualTo("中国邮政速递物流");
        assertThat(issued.handover().waybillNumber()).matches("EA\\d{9}CN");
        assertThat(issued.handover().collectionPlace()).isNull();
        assertThat(issued.result()).containsEntry("waybillNumber", issued.handover().waybillNumber());
        assertThat(jdbc.sql("select waybill_number from birth_certificate where application_id = ?").param(id)
                .query(String.class).single()).isEqualTo(issued.handover().waybillNumber());
    }

    @Test
    void shouldNameTheIssuingHospitalAndKeepWhoCollectsOnWhoseAuthorizationWhenTheFamilyCollects() {
        Family family = newFamily();
        family.delivered("2", null);
        family.delivery = new Delivery("PICKUP", "PICKUP", null, "FATHER", "AUTH-MOTHER-1");
        UUID id = family.apply();

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.handover().collectionPlace()).isEqualTo("贵阳市妇幼保健院");
        assertThat(issued.handover().waybillNumber()).isNull();
        var row = jdbc.sql("select collector, collection_authorization from birth_certificate where application_id = ?")
                .param(id).query().singleRow();
        assertThat(row).containsEntry("collector", "FATHER").containsEntry("collection_authorization", "AUTH-MOTHER-1");
    }

    @Test
    void shouldReturnWhenTheGivenCertificateNumberIsNotOnTheRecord() {
        Family family = newFamily();
        family.delivered("2", null);
        family.certificate = "S000000001";

        assertThat(returned(family.apply()).reasonCode()).isEqualTo("CERTIFICATE_NOT_ON_RECORD");
    }

    @Test
    void shouldNeverIssueASecondCertificateForOneBirth() {
        Family family = newFamily();
        family.delivered("2", null);
        UUID first = family.apply();
        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class,
                e -> e.applicationId().equals(first));

        UUID second = family.apply();

        var again = returned(second);
        assertThat(again.reasonCode()).isEqualTo("CERTIFICATE_ALREADY_ISSUED");
        // The hospital's next export of the record, without the number, does not free the birth ...
        family.delivered("2", null);
        assertThat(returned(family.apply()).reasonCode()).isEqualTo("CERTIFICATE_ALREADY_ISSUED");
        // ... and one with another number is refused.
        var conflicting = importCsv("delivery-records", """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                %s,%s,%s,%s,2,,Q999999999
                """.formatted(family.recordNumber, HOSPITAL, family.mother, family.birthTime));
        assertThat(conflicting.status()).isEqualTo(400);
        assertThat(conflicting.body()).contains("CERTIFICATE_NUMBER_CONFLICT");
        // Entering the number the birth already has (a new application after a withdrawal) verifies it.
        family.certificate = issued.certificateNumber();
        UUID verification = family.apply();
        var verified = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class,
                e -> e.applicationId().equals(verification));
        assertThat(verified.certificateNumber()).isEqualTo(issued.certificateNumber());
        assertThat(verified.verified()).isTrue();
        assertThat(jdbc.sql("select count(*) from birth_certificate where certificate_number = ?")
                .param(issued.certificateNumber()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldQueueANameWithARareCharacterAndIssueOnceStaffApprove() {
        Family family = newFamily();
        family.delivered("2", null);
        family.givenName = "𠮷安";
        UUID id = family.apply();
        var waiting = probe.awaitEvent(Topics.BIRTH_CERT, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        assertThat(waiting.reasonCode()).isEqualTo("RARE_CHARACTER_NAME");
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).isEmpty();

        JsonNode task = task(id);
        // The decision is the token's subject's, whatever a header claims.
        var decided = staff("health-007").post("/api/v1/departments/HEALTH/tasks/" + task.get("id").asString()
                + "/decisions", "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}", "X-Staff-Id", "health-999");

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("decidedBy").asString()).isEqualTo("health-007");
        probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldAuditTheStaffsReadOfTheTaskTheirDecisionAndTheImportOfTheRecord() {
        Family family = newFamily();
        family.delivered("2", null);
        family.givenName = "𠮷乐";
        UUID id = family.apply();
        probe.awaitEvent(Topics.BIRTH_CERT, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        String taskId = task(id).get("id").asString();

        assertThat(staff("health-007").post("/api/v1/departments/HEALTH/tasks/" + taskId + "/decisions",
                "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}").status()).isEqualTo(200);

        assertThat(jdbc.sql("select actor || ' ' || action from audit_entry where application_id = ? order by seq")
                .param(id).query(String.class).list())
                .contains("staff-health READ_REVIEW_TASK").endsWith("health-007 DECIDE");
        assertThat(jdbc.sql("select detail from audit_entry where actor = 'admin-health' and action = ?")
                .param("IMPORT_REFERENCE_DATA").query(String.class).list()).contains("dataset=delivery-records,rows=1");
        assertThat(http().as(Tokens.of(Role.OPS)).get("/actuator/auditchain").json().get("intact").asBoolean())
                .isTrue();
    }

    @Test
    void shouldImportAllRowsOrNoneAndListEveryBadLine() {
        long before = deliveryRecords();

        var response = importCsv("delivery-records", """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                R-BAD-1,H520102001,%s,2026-11-20T08:30:00+08:00,2,,
                R-BAD-2,H520102001,520102199403121221,2026-11-20T08:30:00+08:00,2,,
                R-BAD-3,H000000000,%s,yesterday,3,,
                """.formatted(SampleEvents.MOTHER_ID, SampleEvents.MOTHER_ID));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("line 3.motherIdNumber", "line 4.birthTime", "line 4.sex",
                        "line 4.hospitalCode");
        assertThat(deliveryRecords()).isEqualTo(before);
        assertThat(importCsv("delivery-records", "recordNumber,sex\nR-1,2\n").status()).isEqualTo(400);
        assertThat(importCsv("no-such-data", "a\n1\n").status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseReImportingACertifiedDeliveryRecordWithAnotherMotherAndChangeNothing() {
        Family family = newFamily();
        family.delivered("2", null);
        UUID id = family.apply();
        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
        Family other = newFamily();
        long before = deliveryRecords();

        var response = importCsv("delivery-records", """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                %s,%s,%s,%s,1,,
                %s,%s,%s,%s,2,,
                """.formatted(other.recordNumber, HOSPITAL, other.mother, other.birthTime,
                family.recordNumber, HOSPITAL, other.mother, family.birthTime));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").valueStream()
                .map(e -> e.get("field").asString() + " " + e.get("code").asString()).toList())
                .containsExactly("line 3.motherIdNumber FIXED_ONCE_USED");
        assertThat(deliveryRecords()).isEqualTo(before);
        assertThat(jdbc.sql("select mother_id_number_index, certificate_number from delivery_record "
                        + "where record_number = ?")
                .param(family.recordNumber).query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single())
                .containsExactly(blindIndex.idNumber(family.mother), issued.certificateNumber());
        // The same record with its own mother, birth and hospital is still taken (a discharge time added, say).
        assertThat(importCsv("delivery-records", """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                %s,%s,%s,%s,2,2026-11-23T10:00:00+08:00,
                """.formatted(family.recordNumber, HOSPITAL, family.mother, family.birthTime)).status()).isEqualTo(200);
    }

    @Test
    void shouldEnrollParentingGuidanceUntilTheFirstBirthday() {
        UUID id = UUID.randomUUID();
        probe.publish(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.PARENTING_GUIDANCE));

        var enrolled = probe.awaitEvent(Topics.BIRTH_CERT, ParentingGuidanceEnrolled.class,
                e -> e.applicationId().equals(id));

        assertThat(enrolled.enrolledUntil()).isEqualTo(LocalDate.of(2027, 11, 20));
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).isEmpty();
    }

    @Test
    void shouldHandAnEndedQuartersStubsToTheStationOfTheHouseholdCountyOnce() {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Family family = newFamily();
            family.delivered("2", null);
            UUID id = family.apply();
            issued.add(probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class,
                    e -> e.applicationId().equals(id)).certificateNumber());
        }
        // Issued three months ago: in the quarter that has just ended.
        jdbc.sql("update birth_certificate set issued_at = issued_at - interval '3 months' where certificate_number in (?, ?)")
                .params(issued.get(0), issued.get(1)).update();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String quarter = quarterOf(today.minusMonths(3));

        var made = staff().post("/api/v1/departments/HEALTH/stub-handovers?quarter=" + quarter, "");
        var again = staff().post("/api/v1/departments/HEALTH/stub-handovers?quarter=" + quarter, "");

        assertThat(made.status()).as(made.body()).isEqualTo(200);
        assertThat(made.json().get("made").asInt()).isPositive();
        assertThat(again.json().get("made").asInt()).isZero();
        JsonNode station = staff().get("/api/v1/departments/HEALTH/stub-handovers?quarter=" + quarter).json()
                .valueStream().filter(record -> record.get("county").asString().equals("520102"))
                .findFirst().orElseThrow();
        assertThat(station.get("certificateNumbers").valueStream().map(JsonNode::asString).toList())
                .containsAll(issued);
        assertThat(staff().post("/api/v1/departments/HEALTH/stub-handovers?quarter=" + quarterOf(today), "").status())
                .isEqualTo(400);
        assertThat(staff().get("/api/v1/departments/HEALTH/stub-handovers?quarter=2026-Q5").status()).isEqualTo(400);
    }

    private static String quarterOf(LocalDate day) {
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    @Test
    void shouldIssueOnlyOnceWhenTheApplicationIsDeliveredTwice() {
        Family family = newFamily();
        family.delivered("2", null);
        UUID id = UUID.randomUUID();
        ApplicationSubmitted application = family.application(id);
        probe.publish(APPLICATIONS, application);
        probe.publish(APPLICATIONS, application);

        awaitQuiet(APPLICATIONS);
        probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).hasSize(1);
    }

    @Test
    void shouldShowAndDecideTheHealthQueueOnlyForHealthStaff() {
        Family family = newFamily();
        family.delivered("2", null);
        family.givenName = "𠮷宁";
        UUID id = family.apply();
        probe.awaitEvent(Topics.BIRTH_CERT, ItemAwaitingReview.class, e -> e.applicationId().equals(id));
        String decision = "/api/v1/departments/HEALTH/tasks/" + task(id).get("id").asString() + "/decisions";
        String approve = "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}";

        assertThat(http().get("/api/v1/departments/HEALTH/tasks").status()).isEqualTo(401);
        assertThat(http().as("not-a-token").get("/api/v1/departments/HEALTH/tasks").status()).isEqualTo(401);
        assertThat(http().as(Tokens.staff("POLICE")).get("/api/v1/departments/HEALTH/tasks").status())
                .isEqualTo(403);
        assertThat(http().as(Tokens.admin("HEALTH")).get("/api/v1/departments/HEALTH/tasks").status())
                .isEqualTo(403);
        assertThat(http().post(decision, approve).status()).isEqualTo(401);
        assertThat(http().as(Tokens.citizen(family.mother)).post(decision, approve).status()).isEqualTo(403);
        assertThat(http().as(Tokens.staff("POLICE")).post(decision, approve).status()).isEqualTo(403);
        assertThat(http().as(Tokens.staff("POLICE")).get("/api/v1/departments/HEALTH/stub-handovers?quarter=2026-Q1")
                .status()).isEqualTo(403);

        // Still open: none of them decided it.
        assertThat(task(id).get("status").asString()).isEqualTo("OPEN");
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).isEmpty();
    }

    @Test
    void shouldLetOnlyHealthAdministratorsImportOrReadReferenceData() {
        long before = deliveryRecords();
        String csv = """
                recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                R-%s,H520102001,%s,2026-11-20T08:30:00+08:00,2,,
                """.formatted(UUID.randomUUID(), SampleEvents.MOTHER_ID);

        for (String token : List.of(Tokens.admin("POLICE"), Tokens.staff("HEALTH"), Tokens.citizen(SampleEvents.MOTHER_ID))) {
            assertThat(http().as(token).postAs("/api/v1/departments/HEALTH/reference/delivery-records", "text/csv", csv)
                    .status()).isEqualTo(403);
        }
        assertThat(http().postAs("/api/v1/departments/HEALTH/reference/delivery-records", "text/csv", csv).status())
                .isEqualTo(401);
        assertThat(http().as(Tokens.admin("POLICE")).get("/api/v1/departments/HEALTH/reference").status())
                .isEqualTo(403);
        assertThat(deliveryRecords()).isEqualTo(before);
    }

    private ItemReturned returned(UUID id) {
        return probe.awaitEvent(Topics.BIRTH_CERT, ItemReturned.class, e -> e.applicationId().equals(id));
    }

    /** The application's task in the health queue, open or decided. */
    private JsonNode task(UUID id) {
        return java.util.stream.Stream.of("OPEN", "DECIDED")
                .flatMap(status -> staff().get("/api/v1/departments/HEALTH/tasks?size=100&status=" + status).json()
                        .get("items").valueStream())
                .filter(t -> t.get("applicationId").asString().equals(id.toString())).findFirst().orElseThrow();
    }

    private long deliveryRecords() {
        return admin().get("/api/v1/departments/HEALTH/reference").json().get("delivery-records").asLong();
    }

    private JsonHttp.Response importCsv(String dataset, String csv) {
        return admin().postAs("/api/v1/departments/HEALTH/reference/" + dataset, "text/csv", csv);
    }

    /** Without a token. */
    private JsonHttp http() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    /** A health officer. */
    private JsonHttp staff() {
        return http().as(Tokens.staff("HEALTH"));
    }

    private JsonHttp staff(String subject) {
        return http().as(Tokens.token(subject, List.of(Role.STAFF), "HEALTH", null));
    }

    /** The health department's reference data administrator. */
    private JsonHttp admin() {
        return http().as(Tokens.admin("HEALTH"));
    }

    private Family newFamily() {
        return new Family();
    }

    /** A family of its own per test (a mother and a minute of birth no other test uses). */
    private final class Family {

        final int sequence = ThreadLocalRandom.current().nextInt(1, 499) * 2;
        String mother = ResidentIdNumber.of("520102", LocalDate.of(1994, 3, 12)
                .plusDays(ThreadLocalRandom.current().nextInt(3000)), sequence);
        OffsetDateTime birthTime = OffsetDateTime.parse("2026-11-20T00:00:00+08:00")
                .plusMinutes(ThreadLocalRandom.current().nextInt(60 * 24 * 3));
        String hospital = HOSPITAL;
        String givenName = "安然";
        String certificate;
        Delivery delivery;
        final String recordNumber = "R-" + UUID.randomUUID();

        void delivered(String sex, String certificateNumber) {
            var response = importCsv("delivery-records", """
                    recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber
                    %s,%s,%s,%s,%s,,%s
                    """.formatted(recordNumber, HOSPITAL, mother, birthTime, sex,
                    certificateNumber == null ? "" : certificateNumber));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        UUID apply() {
            UUID id = UUID.randomUUID();
            probe.publish(APPLICATIONS, application(id));
            return id;
        }

        ApplicationSubmitted application(UUID id) {
            ApplicationSubmitted sample = SampleEvents.applicationSubmitted(id, "2", birthTime, Item.BIRTH_CERT);
            Person m = sample.mother();
            Newborn n = sample.newborn();
            return new ApplicationSubmitted(sample.eventId(), id, sample.occurredAt(), sample.reference(),
                    certificate == null ? sample.region() : "220000", sample.items(), sample.applicant(),
                    new Person(m.name(), m.idType(), mother, m.ethnicity(), m.nationality(), m.householdDivision(),
                            m.householdAddress(), m.phone()),
                    sample.father(),
                    new Newborn(n.surname(), givenName, n.sex(), birthTime, n.ethnicity(), n.birthDivision(), hospital,
                            certificate),
                    sample.household(), sample.insurance(), sample.reimbursement(), sample.socialSecurityCard(),
                    delivery == null ? sample.delivery() : delivery);
        }
    }
}
