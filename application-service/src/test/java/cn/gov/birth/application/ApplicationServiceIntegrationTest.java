package cn.gov.birth.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.aggregation.DepartmentFacts;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.platform.events.CloudEventRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** application-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationServiceIntegrationTest extends ServiceIntegrationTest {

    /** The police's application topic: every test family asks for all seven items, so it gets every application. */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.POLICE);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_service");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationAccess access;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DepartmentFacts facts;

    JsonHttp http;

    /**
     * Most tests file as one clerk of Guizhou's Nanming service centre, for many families at the
     * window: the clerk follows what they filed.
     */
    @BeforeEach
    void client() {
        http = new JsonHttp("http://127.0.0.1:" + port).as(Tokens.clerk(CLERK, "520102-ZWFW"));
    }

    private static final String CLERK = "clerk-it-0001";

    /** A new family's form, filed at the window. */
    private static ObjectNode newFamily() {
        ObjectNode form = JsonHttp.newFamily();
        form.put("channel", "WINDOW");
        return form;
    }

    @Test
    void shouldAcceptApplicationAndPublishItForTheDepartments() {
        var response = http.post("/api/v1/applications", newFamily());

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(response.location()).endsWith("/api/v1/applications/" + id);
        assertThat(body.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(body.get("reference").asString()).matches("520000-\\d{8}-\\d{6}");
        assertThat(body.get("items")).hasSize(7);
        assertThat(LocalDate.parse(item(body, "HUKOU").get("deadline").asString())).isAfter(LocalDate.now());
        assertThat(item(body, "PARENTING_GUIDANCE").get("deadline").isNull()).isTrue();
        assertThat(LocalDate.parse(body.get("deadline").asString())).isAfter(LocalDate.now().plusDays(23));
        var submitted = probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class,
                e -> e.applicationId().equals(id));
        assertThat(submitted.items()).containsExactlyInAnyOrder(Item.values());
        assertThat(submitted.household().division()).isEqualTo("520102");
        probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class, e -> e.applicationId().equals(id));
    }

    @Test
    void shouldSendEachDepartmentOnlyItsViewOfTheForm() {
        ObjectNode form = newFamily();
        form.putObject("reimbursement").put("bankName", "中国工商银行").put("accountNumber", "6222020200112233445")
                .put("accountHolder", form.get("mother").get("name").asString());
        // A manual maternity claim: the bank account and the claim's materials.
        for (String material : List.of("INSURANCE_VOUCHER", "HOSPITAL_RECEIPTS", "DISCHARGE_RECORD")) {
            ((ArrayNode) form.get("materials")).addObject().put("type", material).put("documentId", "D-" + material);
        }
        JsonNode filed = http.post("/api/v1/applications", form).json();
        assertThat(filed.get("status").asString()).isEqualTo("ACCEPTED");
        UUID id = UUID.fromString(filed.get("id").asString());

        var health = probe.awaitEvent(Topics.applicationsFor(Department.HEALTH), ApplicationSubmitted.class,
                e -> e.applicationId().equals(id));
        var cdc = probe.awaitEvent(Topics.applicationsFor(Department.CDC), ApplicationSubmitted.class,
                e -> e.applicationId().equals(id));
        var police = probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        var insurance = probe.awaitEvent(Topics.applicationsFor(Department.MEDICAL_INSURANCE),
                ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        var cards = probe.awaitEvent(Topics.applicationsFor(Department.HUMAN_RESOURCES), ApplicationSubmitted.class,
                e -> e.applicationId().equals(id));

        String motherId = form.get("mother").get("idNumber").asString();
        assertThat(List.of(health, cdc, police, insurance, cards)).allSatisfy(view -> {
            assertThat(view.applicant().phone()).isNull();
            assertThat(view.newborn().birthTime()).isNotNull();
        });
        assertThat(List.of(health, cdc, insurance)).allSatisfy(view -> {
            assertThat(view.mother().idNumber()).isEqualTo(motherId);
            assertThat(view.mother().phone()).isNull();
            assertThat(view.mother().householdAddress()).isNull();
            assertThat(view.father()).isNull();
        });
        assertThat(police.father().idNumber()).isEqualTo(form.get("father").get("idNumber").asString());
        assertThat(police.father().phone()).isNull();
        assertThat(police.household()).isNotNull();
        assertThat(cards.mother()).isNull();
        assertThat(cards.socialSecurityCard()).isNotNull();
        assertThat(insurance.reimbursement()).isEqualTo(new ApplicationForm.Reimbursement(
                form.get("reimbursement").get("bankName").asString(),
                form.get("reimbursement").get("accountNumber").asString(),
                form.get("reimbursement").get("accountHolder").asString()));
        assertThat(List.of(health, cdc, police, cards)).allSatisfy(view -> {
            assertThat(view.reimbursement()).isNull();
            assertThat(view.insurance()).isNull();
        });
        assertThat(List.of(health, cdc, police, insurance, cards)).extracting(ApplicationSubmitted::eventId)
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldPullInDependenciesOfChosenItems() {
        ObjectNode form = newFamily();
        form.putArray("items").add("SOCIAL_SECURITY_CARD");

        JsonNode body = http.post("/api/v1/applications", form).json();

        assertThat(body.get("items").valueStream().map(i -> i.get("item").asString()).toList())
                .containsExactlyInAnyOrder("BIRTH_CERT", "HUKOU", "SOCIAL_SECURITY_CARD");
        assertThat(itemStatus(body, "BIRTH_CERT")).isEqualTo("IN_PROGRESS");
        assertThat(itemStatus(body, "HUKOU")).isEqualTo("WAITING");
        assertThat(item(body, "SOCIAL_SECURITY_CARD").get("pulledIn").asBoolean()).isFalse();
        assertThat(item(body, "HUKOU").get("pulledIn").asBoolean()).isTrue();
        assertThat(item(body, "BIRTH_CERT").get("pulledIn").asBoolean()).isTrue();
    }

    @Test
    void shouldFoldEveryDepartmentFactIntoCompletedWithResults() {
        UUID id = UUID.fromString(http.post("/api/v1/applications", newFamily()).json()
                .get("id").asString());
        Instant now = Instant.now();
        probe.publish(Topics.BIRTH_CERT, new ItemStarted(UUID.randomUUID(), id, now, Item.BIRTH_CERT));
        List<ItemCompleted> facts = List.of(
                new BirthCertificateIssued(UUID.randomUUID(), id, now, "Q000000042", false),
                new ParentingGuidanceEnrolled(UUID.randomUUID(), id, now, LocalDate.of(2027, 11, 20)),
                new VaccinationCertificateIssued(UUID.randomUUID(), id, now, "V520000000042"),
                new HouseholdRegistered(UUID.randomUUID(), id, now, "520102202611200024", "520102", "南明区公安分局派出所"),
                new MedicalInsuranceEnrolled(UUID.randomUUID(), id, now, List.of(2026), new BigDecimal("400.00"),
                        LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31)),
                new MaternityReimbursementSettled(UUID.randomUUID(), id, now, "DIRECT", new BigDecimal("3000.00"), null, null),
                new SocialSecurityCardApplied(UUID.randomUUID(), id, now, "ICBC", "MADE", "工商银行贵阳分行"));
        for (ItemCompleted fact : facts) {
            probe.publish(topicOf(fact.item()), fact);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(id)));
        JsonNode body = http.get("/api/v1/applications/" + id).json();
        assertThat(body.get("version").asLong()).isEqualTo(1 + 1 + facts.size());
        assertThat(body.get("completedAt").isNull()).isFalse();
        assertThat(item(body, "HUKOU").get("result").get("citizenIdNumber").asString()).isEqualTo("520102202611200024");
        assertThat(item(body, "BIRTH_CERT").get("result").get("certificateNumber").asString()).isEqualTo("Q000000042");
        // Filed at the window: the paper received there (MaterialsReceived) is a line of its own.
        assertThat(body.get("timeline")).hasSize(1 + 1 + facts.size() + 1);
        assertThat(jdbc.sql("select result from application_item where application_id = ? and item = 'HUKOU'")
                .param(id).query(String.class).single()).startsWith("ENC1:").doesNotContain("520102202611200024");
    }

    /** Jilin grants the vaccination certificate and maternity reimbursement at the hospital (免申即享, seed 004). */
    @Test
    void shouldAcceptAJilinFamilyTickingAllSevenItemsAndCompleteItWithoutTheItemsGrantedAtTheHospital() {
        ObjectNode form = newFamily();
        String county = "220102";
        form.put("region", "220000");
        ((ObjectNode) form.get("mother")).put("householdDivision", county);
        ((ObjectNode) form.get("father")).put("householdDivision", county);
        ((ObjectNode) form.get("household")).put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        ((ObjectNode) form.get("newborn")).put("birthCertificateNumber",
                "S%09d".formatted(java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000)));
        ArrayNode materials = form.putArray("materials");
        for (String material : List.of("BIRTH_CERTIFICATE", "SETTLING_PARENT_HOUSEHOLD_REGISTER", "APPLICANT_ID_CARD")) {
            materials.addObject().put("type", material).put("documentId", "D-" + material);
        }

        // The same clerk, working at a Jilin centre: a window files only for its own region.
        JsonNode body = http.as(Tokens.clerk(CLERK, "220102-ZWFW")).post("/api/v1/applications", form).json();

        assertThat(body.get("status").asString()).as(body.toString()).isEqualTo("ACCEPTED");
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(body.get("items")).hasSize(7);
        for (String granted : List.of("VACCINATION", "MATERNITY_REIMBURSEMENT")) {
            assertThat(itemStatus(body, granted)).isEqualTo("GRANTED_AT_HOSPITAL");
            assertThat(item(body, granted).get("result").get("place").asString()).contains("助产机构");
            assertThat(item(body, granted).get("deadline").isNull()).isTrue();
        }
        assertThat(http.get("/api/v1/applications/" + id + "/notice").json().get("text").asString())
                .contains("已在医院免申办理，领取地点：新生儿出生的助产机构");
        var insurance = probe.awaitEvent(Topics.applicationsFor(Department.MEDICAL_INSURANCE),
                ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        assertThat(insurance.items()).containsExactlyInAnyOrder(Item.BIRTH_CERT, Item.HUKOU, Item.MEDICAL_INSURANCE,
                Item.SOCIAL_SECURITY_CARD, Item.PARENTING_GUIDANCE);
        // The CDC's copy would have been published before medical insurance's, in the same transaction.
        assertThat(probe.events(Topics.applicationsFor(Department.CDC), ApplicationSubmitted.class, id)).isEmpty();

        Instant now = Instant.now();
        List<ItemCompleted> facts = List.of(
                new BirthCertificateIssued(UUID.randomUUID(), id, now, "S000000042", true),
                new ParentingGuidanceEnrolled(UUID.randomUUID(), id, now, LocalDate.of(2027, 11, 20)),
                new HouseholdRegistered(UUID.randomUUID(), id, now, "220102202611200024", "220102", "南关区派出所"),
                new MedicalInsuranceEnrolled(UUID.randomUUID(), id, now, List.of(2026), new BigDecimal("400.00"),
                        LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31)),
                new SocialSecurityCardApplied(UUID.randomUUID(), id, now, "ICBC", "MADE", "工商银行长春分行"));
        for (ItemCompleted fact : facts) {
            probe.publish(topicOf(fact.item()), fact);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(status(id)));
        JsonNode completed = http.get("/api/v1/applications/" + id).json();
        assertThat(itemStatus(completed, "VACCINATION")).isEqualTo("GRANTED_AT_HOSPITAL");
        assertThat(completed.get("completedAt").isNull()).isFalse();
    }

    @Test
    void shouldStoreTheFormSealedAndFindTheMotherOnlyByTheIndexOfHerIdNumber() {
        ObjectNode form = newFamily();
        UUID id = UUID.fromString(http.post("/api/v1/applications", form).json().get("id").asString());

        String stored = jdbc.sql("select form from application where id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("ENC1:")
                .doesNotContain(form.get("mother").get("idNumber").asString())
                .doesNotContain(form.get("applicant").get("phone").asString());
        assertThat(jdbc.sql("select column_name from information_schema.columns where table_name = 'application'")
                .query(String.class).list()).doesNotContain("mother_id_number");
        assertThat(http.post("/api/v1/applications", form).status()).isEqualTo(409);
    }

    /** A poll's facts share a transaction; those about one application use one aggregate, written once each. */
    @Test
    void shouldApplySeveralFactsAboutOneApplicationInOneTransactionEachWrittenOnceInOrder() {
        UUID id = UUID.fromString(http.post("/api/v1/applications", newFamily()).json().get("id").asString());
        JsonNode filed = http.get("/api/v1/applications/" + id).json();
        long version = filed.get("version").asLong();
        int lines = filed.get("timeline").size();
        Instant now = Instant.now();

        transactions.executeWithoutResult(status -> {
            facts.apply(new ItemStarted(UUID.randomUUID(), id, now, Item.BIRTH_CERT));
            facts.apply(new BirthCertificateIssued(UUID.randomUUID(), id, now, "Q000000044", false));
            facts.apply(new VaccinationCertificateIssued(UUID.randomUUID(), id, now, "V520000000044"));
        });

        JsonNode body = http.get("/api/v1/applications/" + id).json();
        assertThat(body.get("version").asLong()).isEqualTo(version + 3);
        assertThat(body.get("timeline")).hasSize(lines + 3);
        assertThat(item(body, "BIRTH_CERT").get("result").get("certificateNumber").asString()).isEqualTo("Q000000044");
        assertThat(itemStatus(body, "VACCINATION")).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select count(*) from application_item where application_id = ?").param(id)
                .query(Long.class).single()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                probe.events(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class, id).size() >= 4);
        assertThat(probe.events(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class, id))
                .extracting(ApplicationStatusChanged::version)
                .containsExactly(version, version + 1, version + 2, version + 3);
    }

    /** A poll's changes to several applications are written together at commit: each keeps its own. */
    @Test
    void shouldKeepEachApplicationsChangesApartWhenFactsAboutSeveralShareATransaction() {
        UUID first = UUID.fromString(http.post("/api/v1/applications", newFamily()).json().get("id").asString());
        UUID second = UUID.fromString(http.post("/api/v1/applications", newFamily()).json().get("id").asString());
        long firstVersion = http.get("/api/v1/applications/" + first).json().get("version").asLong();
        long secondVersion = http.get("/api/v1/applications/" + second).json().get("version").asLong();
        Instant now = Instant.now();

        transactions.executeWithoutResult(status -> {
            facts.apply(new ItemStarted(UUID.randomUUID(), first, now, Item.BIRTH_CERT));
            facts.apply(new VaccinationCertificateIssued(UUID.randomUUID(), second, now, "V520000000061"));
            facts.apply(new BirthCertificateIssued(UUID.randomUUID(), first, now, "Q000000061", false));
        });

        JsonNode one = http.get("/api/v1/applications/" + first).json();
        JsonNode two = http.get("/api/v1/applications/" + second).json();
        assertThat(one.get("version").asLong()).isEqualTo(firstVersion + 2);
        assertThat(two.get("version").asLong()).isEqualTo(secondVersion + 1);
        assertThat(itemStatus(one, "BIRTH_CERT")).isEqualTo("COMPLETED");
        assertThat(itemStatus(one, "VACCINATION")).isNotEqualTo("COMPLETED");
        assertThat(itemStatus(two, "VACCINATION")).isEqualTo("COMPLETED");
        assertThat(itemStatus(two, "BIRTH_CERT")).isNotEqualTo("COMPLETED");
        // The first application's lines in the order its facts came.
        List<JsonNode> lines = new ArrayList<>();
        one.get("timeline").forEach(lines::add);
        assertThat(lines.subList(lines.size() - 2, lines.size())).extracting(line -> line.get("item").asString())
                .containsExactly("BIRTH_CERT", "BIRTH_CERT");
        assertThat(lines.getLast().get("type").asString()).isNotEqualTo(lines.get(lines.size() - 2).get("type").asString());
    }

    /** A poll's applications are locked and read together first (an unknown one left out); the facts then apply as alone. */
    @Test
    void shouldApplyAPollsFactsAsAloneWhenTheirApplicationsWereLockedTogetherFirst() {
        UUID first = UUID.fromString(http.post("/api/v1/applications", newFamily()).json().get("id").asString());
        UUID second = UUID.fromString(http.post("/api/v1/applications", newFamily()).json().get("id").asString());
        Instant now = Instant.now();
        transactions.executeWithoutResult(status ->
                facts.apply(new BirthCertificateIssued(UUID.randomUUID(), first, now, "Q000000062", false)));
        long firstVersion = http.get("/api/v1/applications/" + first).json().get("version").asLong();
        long secondVersion = http.get("/api/v1/applications/" + second).json().get("version").asLong();
        List<ItemFact> poll = List.of(new VaccinationCertificateIssued(UUID.randomUUID(), first, now, "V520000000062"),
                new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), now, Item.HUKOU),
                new VaccinationCertificateIssued(UUID.randomUUID(), second, now, "V520000000063"),
                new ItemStarted(UUID.randomUUID(), first, now, Item.HUKOU));

        transactions.executeWithoutResult(status -> {
            facts.prepare(poll);
            poll.forEach(facts::apply);
        });

        JsonNode one = http.get("/api/v1/applications/" + first).json();
        JsonNode two = http.get("/api/v1/applications/" + second).json();
        assertThat(one.get("version").asLong()).isEqualTo(firstVersion + 2);
        assertThat(two.get("version").asLong()).isEqualTo(secondVersion + 1);
        assertThat(itemStatus(one, "VACCINATION")).isEqualTo("COMPLETED");
        assertThat(itemStatus(one, "HUKOU")).isEqualTo("IN_PROGRESS");
        assertThat(itemStatus(two, "VACCINATION")).isEqualTo("COMPLETED");
        assertThat(item(one, "BIRTH_CERT").get("result").get("certificateNumber").asString())
                .as("an earlier item's result, read with the others, kept as it was").isEqualTo("Q000000062");
    }

    @Test
    void shouldApplyAFactDeliveredTwiceOnlyOnce() {
        UUID id = UUID.fromString(http.post("/api/v1/applications", newFamily()).json()
                .get("id").asString());
        var issued = new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000043", false);
        probe.publish(Topics.BIRTH_CERT, issued);
        probe.publish(Topics.BIRTH_CERT, issued);
        var marker = new VaccinationCertificateIssued(UUID.randomUUID(), id, Instant.now(), "V1");
        probe.publish(Topics.VACCINATION, marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                itemStatus(http.get("/api/v1/applications/" + id).json(), "VACCINATION")));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                itemStatus(http.get("/api/v1/applications/" + id).json(), "BIRTH_CERT")));
        assertThat(http.get("/api/v1/applications/" + id).json().get("version").asLong()).isEqualTo(3);
    }

    @Test
    void shouldAnswer400WithEveryFieldErrorAndStoreNothing() {
        long before = applications();
        ObjectNode form = newFamily();
        ((ObjectNode) form.get("mother")).put("idNumber", "520102199403121221");
        ((ObjectNode) form.get("newborn")).put("birthTime", "2099-01-01T00:00:00+08:00");
        form.remove("region");

        var response = http.post("/api/v1/applications", form);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .contains("mother.idNumber", "newborn.birthTime", "region");
        assertThat(applications()).isEqualTo(before);
    }

    @Test
    void shouldAnswer400ForUnreadableJson() {
        var response = http.post("/api/v1/applications", "{\"region\": [1, 2");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }

    @Test
    void shouldNotPublishAnApplicationThatIsNotAccepted() {
        ObjectNode form = newFamily();
        ((ObjectNode) form.get("newborn")).putNull("givenName");

        JsonNode body = http.post("/api/v1/applications", form).json();

        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(body.get("status").asString()).isEqualTo("NOT_ACCEPTED");
        assertThat(body.get("acceptance").get("reasons").get(0).get("code").asString()).isEqualTo("NEWBORN_UNNAMED");
        probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class, e -> e.applicationId().equals(id));
        assertThat(probe.events(APPLICATIONS, ApplicationSubmitted.class, id)).isEmpty();
        JsonNode notice = http.get("/api/v1/applications/" + id + "/notice").json();
        assertThat(notice.get("title").asString()).isEqualTo("不予受理通知书");
        assertThat(notice.get("text").asString()).contains(body.get("reference").asString()).contains("NEWBORN_UNNAMED");
    }

    @Test
    void shouldReturnTheFirstResultForARepeatedIdempotencyKeyAndRefuseAnotherBody() {
        String key = UUID.randomUUID().toString();
        ObjectNode form = newFamily();
        var first = http.post("/api/v1/applications", form, "Idempotency-Key", key);
        var again = http.post("/api/v1/applications", form, "Idempotency-Key", key);
        ObjectNode other = form.deepCopy();
        ((ObjectNode) other.get("applicant")).put("phone", "13912345678");
        var conflicting = http.post("/api/v1/applications", other, "Idempotency-Key", key);

        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(conflicting.status()).isEqualTo(409);
    }

    /**
     * A portal whose first try's answer was lost sends the same request again while the first is still being
     * filed: both wait on the newborn's lock, held here, and the one that gets it second finds the first's
     * application open. It answers with that application, not "already open".
     */
    @Test
    void shouldAnswerARetryThatRacedItsFirstTryWithTheFirstTrysApplication() throws Exception {
        String key = UUID.randomUUID().toString();
        ObjectNode form = newFamily();
        String newborn = "newborn:" + access.parentIndex(form.get("mother").get("idNumber").asString()) + "@"
                + OffsetDateTime.parse(form.get("newborn").get("birthTime").asString()).toInstant();
        List<JsonHttp.Response> answers;
        try (ExecutorService portal = Executors.newFixedThreadPool(2)) {
            List<Future<JsonHttp.Response>> tries = transactions.execute(status -> {
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(newborn).query().singleRow();
                List<Future<JsonHttp.Response>> sent = List.of(
                        portal.submit(() -> http.post("/api/v1/applications", form, "Idempotency-Key", key)),
                        portal.submit(() -> http.post("/api/v1/applications", form, "Idempotency-Key", key)));
                // Awaitility polls on its own thread, so on a connection of its own, outside this transaction.
                await("both tries waiting for the newborn's lock").atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                        "select count(*) from pg_locks where locktype = 'advisory' and not granted")
                        .query(Long.class).single() == 2);
                return sent;
            });
            answers = List.of(tries.get(0).get(30, TimeUnit.SECONDS), tries.get(1).get(30, TimeUnit.SECONDS));
        }

        assertThat(answers).extracting(JsonHttp.Response::status).containsOnly(201);
        assertThat(answers.get(0).json().get("id")).isEqualTo(answers.get(1).json().get("id"));
    }

    @Test
    void shouldSendAnUndeserializableMessageToTheDeadLetterTopicAndKeepConsuming() {
        UUID id = UUID.fromString(http.post("/api/v1/applications", newFamily()).json()
                .get("id").asString());
        UUID poisonId = UUID.randomUUID();
        probe.send(CloudEventRecords.of(Topics.BIRTH_CERT, id.toString(), "cn.gov.birth.BirthCertificateIssued.v1",
                poisonId, "/birth/test", Instant.now(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "{not json".getBytes(StandardCharsets.UTF_8)));
        probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000044", false));

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.records(Topics.deadLetter(Topics.BIRTH_CERT)).stream()
                .anyMatch(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                        .equals(poisonId.toString())));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                itemStatus(http.get("/api/v1/applications/" + id).json(), "BIRTH_CERT")));
    }

    @Test
    void shouldRetryAFactThatKeepsFailingABoundedNumberOfTimesThenDeadLetterIt() {
        UUID id = UUID.fromString(http.post("/api/v1/applications", newFamily()).json()
                .get("id").asString());
        // Readable, but no item to fold it into: processing fails every time.
        var broken = new ItemStarted(UUID.randomUUID(), id, Instant.now(), null);
        probe.publish(Topics.VACCINATION, broken);

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.records(Topics.deadLetter(Topics.VACCINATION))
                .stream().anyMatch(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)
                        .equals(broken.eventId().toString())));
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(broken.eventId())
                .query(Long.class).single()).isZero();
        probe.publish(Topics.VACCINATION, new VaccinationCertificateIssued(UUID.randomUUID(), id, Instant.now(), "V2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(
                itemStatus(http.get("/api/v1/applications/" + id).json(), "VACCINATION")));
    }

    @Test
    void shouldRefuseASecondOpenApplicationForTheSameNewborn() {
        ObjectNode form = newFamily();
        assertThat(http.post("/api/v1/applications", form).status()).isEqualTo(201);
        ObjectNode sameBirthOtherPhone = form.deepCopy();
        ((ObjectNode) sameBirthOtherPhone.get("applicant")).put("phone", "13912345678");

        var second = http.post("/api/v1/applications", sameBirthOtherPhone);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        // The clerk filed the open one, so is told which it is.
        assertThat(second.json().get("detail").asString()).contains("已有办理中的申请（编号 520000-");
    }

    @Test
    void shouldRefuseASecondOpenApplicationWithTheSameBirthCertificateNumber() {
        ObjectNode first = newFamily();
        ((ObjectNode) first.get("newborn")).put("birthCertificateNumber", "S100000001");
        ObjectNode second = newFamily();
        ((ObjectNode) second.get("newborn")).put("birthCertificateNumber", "S100000001");

        assertThat(http.post("/api/v1/applications", first).status()).isEqualTo(201);
        assertThat(http.post("/api/v1/applications", second).status()).isEqualTo(409);
    }

    @Test
    void shouldDistributeANeedsSupplementApplicationOnlyOnceItsSupplementCompletesIt() {
        ObjectNode form = newFamily();
        ObjectNode household = (ObjectNode) form.remove("household");
        JsonNode filed = http.post("/api/v1/applications", form).json();
        UUID id = UUID.fromString(filed.get("id").asString());
        assertThat(filed.get("status").asString()).isEqualTo("NEEDS_SUPPLEMENT");
        assertThat(filed.get("acceptance").get("missing").get(0).get("code").asString()).isEqualTo("HOUSEHOLD_SECTION");
        assertThat(http.get("/api/v1/applications/" + id + "/notice").json().get("title").asString())
                .isEqualTo("一次性告知书");

        var supplemented = http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("household", household));

        assertThat(supplemented.status()).isEqualTo(200);
        assertThat(supplemented.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(supplemented.json().get("items")).hasSize(7);
        JsonNode notice = http.get("/api/v1/applications/" + id + "/notice").json();
        assertThat(notice.get("title").asString()).isEqualTo("受理通知书");
        assertThat(notice.get("text").asString()).contains("出生户口登记").contains("前办结").doesNotContain("HUKOU");
        var submitted = probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class,
                e -> e.applicationId().equals(id));
        assertThat(submitted.household().settleWith()).isEqualTo("FATHER");
        assertThat(http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("household", household)).status()).isEqualTo(409);
    }

    @Test
    void shouldTakeTheMissingMaterialsAloneAndKeepThoseAlreadyFiled() {
        ObjectNode form = newFamily();
        var materials = (tools.jackson.databind.node.ArrayNode) form.get("materials");
        materials.remove(2);
        materials.remove(1);
        JsonNode filed = http.post("/api/v1/applications", form).json();
        UUID id = UUID.fromString(filed.get("id").asString());
        assertThat(filed.get("acceptance").get("missing").valueStream().map(m -> m.get("code").asString()))
                .containsExactlyInAnyOrder("FATHER_HOUSEHOLD_REGISTER", "MARRIAGE_CERTIFICATE");

        var supplemented = http.post("/api/v1/applications/" + id + "/supplements", """
                {"materials": [{"type": "FATHER_HOUSEHOLD_REGISTER", "documentId": "D-0102"},
                               {"type": "MARRIAGE_CERTIFICATE", "documentId": "D-0103"}]}""");

        assertThat(supplemented.status()).isEqualTo(200);
        assertThat(supplemented.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class,
                e -> e.applicationId().equals(id)).reference()).isEqualTo(filed.get("reference").asString());
    }

    @Test
    void shouldWithdrawADistributedApplicationAndTellTheDepartmentsWhatIsOpen() {
        UUID id = submit(newFamily());
        probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000077",
                false));
        await().atMost(Duration.ofSeconds(30)).until(() -> itemStatus(id, "BIRTH_CERT").equals("COMPLETED"));

        var withdrawn = http.post("/api/v1/applications/" + id + "/withdrawal", "{\"reason\": \"家庭情况变化\"}");

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        var event = probe.awaitEvent(APPLICATIONS, ApplicationWithdrawn.class, e -> e.applicationId().equals(id));
        assertThat(event.openItems()).hasSize(6).doesNotContain(Item.BIRTH_CERT);
        assertThat(event.reason()).isEqualTo("家庭情况变化");
        probe.publish(Topics.HUKOU, new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU, "WITHDRAWN",
                "申请人已撤回申请，本事项不再办理"));
        await().atMost(Duration.ofSeconds(30)).until(() -> itemStatus(id, "HUKOU").equals("CANCELLED"));
        JsonNode after = http.get("/api/v1/applications/" + id).json();
        assertThat(after.get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(itemStatus(id, "BIRTH_CERT")).isEqualTo("COMPLETED");
        assertThat(http.post("/api/v1/applications/" + id + "/withdrawal", "").status()).isEqualTo(409);
    }

    @Test
    void shouldWithdrawAnApplicationWaitingForItsSupplementWithoutTellingTheDepartments() {
        ObjectNode form = newFamily();
        form.remove("household");
        UUID id = submit(form);

        var withdrawn = http.post("/api/v1/applications/" + id + "/withdrawal", "");

        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asString()).isEqualTo("WITHDRAWN");
        probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class,
                e -> e.applicationId().equals(id) && e.status() == cn.gov.birth.contracts.ApplicationStatus.WITHDRAWN);
        assertThat(probe.events(APPLICATIONS, ApplicationWithdrawn.class, id)).isEmpty();
        assertThat(http.post("/api/v1/applications/" + id + "/supplements", "{\"household\": {}}").status())
                .isEqualTo(409);
    }

    @Test
    void shouldRefuseAWithdrawalOfAnUnknownApplicationOrWithAnOverlongReason() {
        UUID id = submit(newFamily());

        assertThat(http.post("/api/v1/applications/" + UUID.randomUUID() + "/withdrawal", "").status()).isEqualTo(404);
        assertThat(http.post("/api/v1/applications/" + id + "/withdrawal",
                "{\"reason\": \"" + "长".repeat(201) + "\"}").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/applications/" + id).json().get("status").asString()).isEqualTo("ACCEPTED");
    }

    private UUID submit(ObjectNode form) {
        var response = http.post("/api/v1/applications", form);
        assertThat(response.status()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    private String itemStatus(UUID id, String item) {
        return http.get("/api/v1/applications/" + id).json().get("items").valueStream()
                .filter(i -> i.get("item").asString().equals(item)).findFirst().orElseThrow()
                .get("status").asString();
    }

    @Test
    void shouldResumeAReturnedItemWithTheCorrectionAndTellItsDepartment() {
        ObjectNode form = newFamily();
        UUID id = submit(form);
        probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        probe.publish(Topics.BIRTH_CERT, new ItemReturned(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "BIRTH_TIME_MISMATCH", "出生时间与医院分娩记录不一致，请核对后补正"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("ACTION_REQUIRED"));
        JsonNode returned = item(http.get("/api/v1/applications/" + id).json(), "BIRTH_CERT");
        assertThat(returned.get("reason").get("code").asString()).isEqualTo("BIRTH_TIME_MISMATCH");
        ObjectNode newborn = (ObjectNode) form.get("newborn");
        String corrected = java.time.OffsetDateTime.parse(newborn.get("birthTime").asString()).minusMinutes(7)
                .toString();
        newborn.put("birthTime", corrected);

        var region = http.post("/api/v1/applications/" + id + "/supplements", "{\"region\":\"620000\"}");
        var supplemented = http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("newborn", newborn));

        assertThat(region.status()).isEqualTo(400);
        assertThat(supplemented.status()).as(supplemented.body()).isEqualTo(200);
        assertThat(supplemented.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(itemStatus(supplemented.json(), "BIRTH_CERT")).isEqualTo("IN_PROGRESS");
        var event = probe.awaitEvent(APPLICATIONS, ApplicationSupplemented.class,
                e -> e.applicationId().equals(id));
        assertThat(event.resumedItems()).containsExactly(Item.BIRTH_CERT);
        assertThat(event.newborn().birthTime().toInstant())
                .isEqualTo(java.time.OffsetDateTime.parse(corrected).toInstant());
        assertThat(event.items()).hasSize(7);
        assertThat(http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("newborn", newborn)).status()).isEqualTo(409);
    }

    /**
     * Every status change carries the applicant's phone (the SMS go to it): a fact reads it from its own
     * sealed column, without the form, and a correction's new phone takes over.
     */
    @Test
    void shouldCarryTheApplicantsSealedPhoneIntoEveryStatusChangeAndTakeACorrectedOne() {
        ObjectNode form = newFamily();
        String phone = form.get("applicant").get("phone").asString();
        UUID id = submit(form);
        probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        assertThat(jdbc.sql("select applicant_phone from application where id = ?").param(id).query(String.class)
                .single()).startsWith("ENC1:").doesNotContain(phone);

        probe.publish(Topics.BIRTH_CERT, new ItemReturned(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "BIRTH_TIME_MISMATCH", "出生时间与医院分娩记录不一致，请核对后补正"));
        var returned = probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class,
                e -> e.applicationId().equals(id) && e.changedItem() == Item.BIRTH_CERT);
        ObjectNode applicant = ((ObjectNode) form.get("applicant")).deepCopy();
        applicant.put("phone", "13987654321");
        var corrected = http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("applicant", applicant));
        probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                "Q000000044", false));
        var issued = probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class,
                e -> e.applicationId().equals(id) && e.changedItem() == Item.BIRTH_CERT && e.version() > 3);

        assertThat(returned.applicantPhone()).isEqualTo(phone);
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        assertThat(issued.applicantPhone()).isEqualTo("13987654321");
    }

    /** A row written before the phone had a column of its own: the form tells it. */
    @Test
    void shouldTakeThePhoneFromTheFormOfAnApplicationStoredWithoutItsPhoneColumn() {
        ObjectNode form = newFamily();
        UUID id = submit(form);
        probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        jdbc.sql("update application set applicant_phone = null where id = ?").param(id).update();

        probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                "Q000000045", false));

        assertThat(probe.awaitEvent(Topics.APPLICATION_STATUS, ApplicationStatusChanged.class,
                e -> e.applicationId().equals(id) && e.changedItem() == Item.BIRTH_CERT).applicantPhone())
                .isEqualTo(form.get("applicant").get("phone").asString());
    }

    @Test
    void shouldRefuseACorrectionThatMakesTheApplicationNotAcceptable() {
        UUID id = submit(newFamily());
        probe.awaitEvent(APPLICATIONS, ApplicationSubmitted.class, e -> e.applicationId().equals(id));
        probe.publish(Topics.BIRTH_CERT, new ItemReturned(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "MOTHER_IDENTITY_MISMATCH", "母亲身份证号码与医院分娩记录不一致，请核对后补正"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("ACTION_REQUIRED"));
        ObjectNode mother = (ObjectNode) newFamily().get("mother");
        mother.put("ethnicity", "06");

        var refused = http.post("/api/v1/applications/" + id + "/supplements",
                JsonHttp.JSON.createObjectNode().set("mother", mother));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("PARENTS_DIFFERENT_ETHNICITY");
        assertThat(status(id)).isEqualTo("ACTION_REQUIRED");
        assertThat(probe.events(APPLICATIONS, ApplicationSupplemented.class, id)).isEmpty();
    }

    @Test
    void shouldRefuseAMalformedSupplementAndKeepTheApplicationAsItWas() {
        ObjectNode form = newFamily();
        form.remove("household");
        UUID id = UUID.fromString(http.post("/api/v1/applications", form).json().get("id").asString());

        var badSection = http.post("/api/v1/applications/" + id + "/supplements", "{\"region\":\"620000\"}");
        var badValue = http.post("/api/v1/applications/" + id + "/supplements",
                "{\"household\":{\"settleWith\":\"UNCLE\"}}");

        assertThat(badSection.status()).isEqualTo(400);
        assertThat(badValue.status()).isEqualTo(400);
        JsonNode after = http.get("/api/v1/applications/" + id).json();
        assertThat(after.get("status").asString()).isEqualTo("NEEDS_SUPPLEMENT");
        assertThat(after.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void shouldServeTheGuideAndTheChecklistOfARegion() {
        var guide = http.get("/api/v1/guides/620000");
        var noGuide = http.get("/api/v1/guides/999999");
        var checklist = http.post("/api/v1/applications/checklist", """
                {"region": "620000", "items": ["HUKOU"],
                 "situation": {"motherEthnicity": "01", "fatherEthnicity": "06", "applicantRelation": "MOTHER",
                               "birthCertificateIssued": false, "manualReimbursement": false}}""");
        var badChecklist = http.post("/api/v1/applications/checklist", "{\"region\": \"999999\", \"items\": [\"HUKOU\"]}");

        assertThat(guide.status()).isEqualTo(200);
        assertThat(guide.json().get("timeLimitWorkingDays").asInt()).isEqualTo(3);
        assertThat(noGuide.status()).isEqualTo(404);
        assertThat(checklist.status()).isEqualTo(200);
        assertThat(checklist.json().get("materials").valueStream().map(m -> m.get("code").asString()).toList())
                .contains("ETHNICITY_CONFIRMATION");
        assertThat(badChecklist.status()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownApplication() {
        var response = http.get("/api/v1/applications/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private String status(UUID id) {
        return http.get("/api/v1/applications/" + id).json().get("status").asString();
    }

    private long applications() {
        return jdbc.sql("select count(*) from application").query(Long.class).single();
    }

    private static JsonNode item(JsonNode application, String item) {
        return application.get("items").valueStream().filter(i -> i.get("item").asString().equals(item))
                .findFirst().orElseThrow();
    }

    private static String itemStatus(JsonNode application, String item) {
        return item(application, item).get("status").asString();
    }

    private static String topicOf(Item item) {
        return switch (item.department()) {
            case HEALTH -> Topics.BIRTH_CERT;
            case CDC -> Topics.VACCINATION;
            case POLICE -> Topics.HUKOU;
            case MEDICAL_INSURANCE -> Topics.INSURANCE;
            case HUMAN_RESOURCES -> Topics.SSCARD;
        };
    }
}
