package cn.gov.birth.application.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.Role;
import java.time.Instant;
import java.time.LocalDate;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** 好差评 as application-service takes it: once each, only once finished, a 差评 followed up in time. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationIntegrationTest extends ServiceIntegrationTest {

    private static final String RECTIFIED = "已电话联系您，接种单位已延长周末服务时间。";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_evaluation");
    }

    @LocalServerPort
    int port;

    @Autowired
    WorkingCalendar calendar;

    JsonHttp anonymous;

    @BeforeEach
    void client() {
        anonymous = new JsonHttp("http://127.0.0.1:" + port);
    }

    @Test
    void shouldRefuseToEvaluateAnApplicationOrItemBeforeItIsFinished() {
        ObjectNode form = JsonHttp.newFamily();
        JsonHttp mother = motherOf(form);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", form).json().get("id").asString());

        var overall = mother.post(evaluations(id), "{\"score\": 5, \"comment\": \"很方便\"}");
        var item = mother.post(evaluations(id), "{\"score\": 5, \"item\": \"BIRTH_CERT\"}");

        assertThat(overall.status()).as(overall.body()).isEqualTo(409);
        assertThat(overall.json().get("title").asString()).isEqualTo("Not finished yet");
        assertThat(item.status()).as(item.body()).isEqualTo(409);
        assertThat(stored(id)).isZero();
    }

    @Test
    void shouldTakeOneOverallEvaluationOfAWithdrawnApplicationAndSendIts差评ToTheLeadDepartment() {
        ObjectNode form = JsonHttp.newFamily();
        JsonHttp mother = motherOf(form);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", form).json().get("id").asString());
        assertThat(mother.post("/api/v1/applications/" + id + "/withdrawal", "").status()).isEqualTo(200);

        var bad = mother.post(evaluations(id), "{\"score\": 1, \"comment\": \"撤回流程不清楚\"}");
        var again = fatherOf(form).post(evaluations(id), "{\"score\": 4}");

        assertThat(bad.status()).as(bad.body()).isEqualTo(201);
        assertThat(bad.json().get("rectification").get("department").asString()).isEqualTo("HEALTH");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void shouldTakeOneEvaluationOfAFinishedItemAndOpenARectificationForItsDepartmentOnA差评() {
        ObjectNode form = jilinFamily();
        UUID id = filedAtTheWindow(form);
        LocalDate today = LocalDate.now(ChinaTime.ZONE);

        var bad = motherOf(form).post(evaluations(id),
                "{\"score\": 2, \"item\": \"VACCINATION\", \"comment\": \"等了很久，电话13800138000\"}");
        var again = fatherOf(form).post(evaluations(id), "{\"score\": 5, \"item\": \"VACCINATION\"}");

        assertThat(bad.status()).as(bad.body()).isEqualTo(201);
        JsonNode rectification = bad.json().get("rectification");
        assertThat(bad.json().get("label").asString()).isEqualTo("不满意");
        assertThat(rectification.get("department").asString()).isEqualTo("CDC");
        assertThat(rectification.get("contactBy").asString()).isEqualTo(calendar.addWorkingDays(today, 1).toString());
        assertThat(rectification.get("answerBy").asString()).isEqualTo(calendar.addWorkingDays(today, 15).toString());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("title").asString()).isEqualTo("Already evaluated");
        assertThat(jdbc.sql("select comment from evaluation where application_id = ?").param(id)
                .query(String.class).single()).startsWith("ENC1:").doesNotContain("13800138000");
    }

    @Test
    void shouldSendA差评ToItsDepartmentAndTellTheFamilyTheAnswerOnceWhateverIsRedelivered() {
        ObjectNode form = jilinFamily();
        UUID id = filedAtTheWindow(form);
        var bad = motherOf(form).post(evaluations(id),
                "{\"score\": 1, \"item\": \"VACCINATION\", \"comment\": \"等了很久\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(201);

        FollowUpOpened opened = probe.awaitEvent(Topics.applicationsFor(Department.CDC), FollowUpOpened.class,
                event -> event.applicationId().equals(id));
        assertThat(opened.kind()).isEqualTo(FollowUpKind.RECTIFICATION);
        assertThat(opened.item()).isEqualTo(Item.VACCINATION);
        assertThat(opened.score()).isEqualTo(1);
        assertThat(opened.text()).isEqualTo("等了很久");
        assertThat(opened.region()).isEqualTo("220000");
        assertThat(opened.contactDue().toString()).isEqualTo(bad.json().get("rectification").get("contactBy").asString());
        assertThat(opened.answerDue().toString()).isEqualTo(bad.json().get("rectification").get("answerBy").asString());

        FollowUpAnswered answered = answer(opened, RECTIFIED);
        probe.publish(Topics.FOLLOW_UP_ANSWERS, answered);
        probe.publish(Topics.FOLLOW_UP_ANSWERS, answered);
        probe.publish(Topics.FOLLOW_UP_ANSWERS, answer(opened, "同一任务的第二个答复"));
        awaitQuiet(Topics.FOLLOW_UP_ANSWERS);
        probe.awaitEvent(Topics.APPLICATION_STATUS, FamilyAnswered.class, event -> event.applicationId().equals(id));

        List<FamilyAnswered> told = probe.events(Topics.APPLICATION_STATUS, FamilyAnswered.class, id);
        assertThat(told).singleElement().satisfies(family -> {
            assertThat(family.answer()).isEqualTo(RECTIFIED);
            assertThat(family.item()).isEqualTo(Item.VACCINATION);
            assertThat(family.department()).isEqualTo(Department.CDC);
            assertThat(family.region()).isEqualTo("220000");
            assertThat(family.audience().parentIndexes()).hasSize(2);
        });
        assertThat(motherOf(form).get(evaluations(id)).json()).singleElement().satisfies(evaluation -> {
            assertThat(evaluation.get("comment").asString()).isEqualTo("等了很久");
            assertThat(evaluation.get("rectification").get("answer").asString()).isEqualTo(RECTIFIED);
        });
        assertThat(jdbc.sql("select answer from follow_up where id = ?").param(opened.followUpId())
                .query(String.class).single()).startsWith("ENC1:").doesNotContain("周末");
        String today = LocalDate.now(ChinaTime.ZONE).toString();
        JsonNode statistics = anonymous.as(Tokens.staff("CDC"))
                .get("/api/v1/statistics/evaluations?region=220000&from=" + today + "&to=" + today).json();
        assertThat(statistics.get("rectificationCounts").get("answered").asLong()).isPositive();
        assertThat(statistics.get("rectifications").valueStream()
                .filter(r -> r.get("applicationId").asString().equals(id.toString())))
                .singleElement().satisfies(r -> assertThat(r.get("answeredAt").isNull()).isFalse());
    }

    @Test
    void shouldOnlyLetTheFamilyEvaluate() {
        ObjectNode form = jilinFamily();
        UUID id = filedAtTheWindow(form);
        String good = "{\"score\": 5, \"item\": \"VACCINATION\"}";

        assertThat(anonymous.post(evaluations(id), good).status()).isEqualTo(401);
        assertThat(anonymous.as(Tokens.of(Role.CLERK)).post(evaluations(id), good).status()).isEqualTo(403);
        assertThat(anonymous.as(Tokens.staff("CDC")).post(evaluations(id), good).status()).isEqualTo(403);
        assertThat(anonymous.as(Tokens.citizen("520102198801011232")).post(evaluations(id), good).status())
                .isEqualTo(404);
        assertThat(motherOf(form).post(evaluations(id), "{\"score\": 6, \"item\": \"VACCINATION\"}").status())
                .isEqualTo(400);
        assertThat(motherOf(form).post(evaluations(id), "{\"score\": 5, \"item\": \"HUKOU\"}").status())
                .isEqualTo(409);
        assertThat(stored(id)).isZero();
    }

    @Test
    void shouldCountA差评InItsDepartmentsStatisticsForItsStaffSupervisorsAndOps() {
        ObjectNode form = jilinFamily();
        String region = "220000";
        UUID id = filedAtTheWindow(form);
        assertThat(motherOf(form).post(evaluations(id), "{\"score\": 1, \"item\": \"MATERNITY_REIMBURSEMENT\"}")
                .status()).isEqualTo(201);
        String today = LocalDate.now(ChinaTime.ZONE).toString();
        String query = "/api/v1/statistics/evaluations?region=" + region + "&from=" + today + "&to=" + today;

        JsonNode own = anonymous.as(Tokens.staff("MEDICAL_INSURANCE")).get(query).json();
        JsonNode supervised = anonymous.as(Tokens.of(Role.SUPERVISOR))
                .get(query + "&department=MEDICAL_INSURANCE&item=MATERNITY_REIMBURSEMENT").json();

        for (JsonNode statistics : List.of(own, supervised)) {
            assertThat(statistics.get("byLevel").get("VERY_DISSATISFIED").asLong()).as(statistics.toString())
                    .isPositive();
            assertThat(statistics.get("rectifications").valueStream()
                    .filter(r -> r.get("applicationId").asString().equals(id.toString())))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("department").asString()).isEqualTo("MEDICAL_INSURANCE");
                        assertThat(r.get("contactDue").isNull()).isFalse();
                        assertThat(r.get("answerDue").isNull()).isFalse();
                    });
        }
        assertThat(anonymous.as(Tokens.staff("CDC")).get(query).json().get("rectifications").valueStream()
                .map(r -> r.get("applicationId").asString())).doesNotContain(id.toString());
        assertThat(anonymous.as(Tokens.staff("CDC")).get(query + "&department=MEDICAL_INSURANCE").status())
                .isEqualTo(403);
        assertThat(anonymous.as(Tokens.of(Role.OPS)).get(query).status()).isEqualTo(200);
        assertThat(motherOf(form).get(query).status()).isEqualTo(403);
        assertThat(anonymous.get(query).status()).isEqualTo(401);
    }

    private static FollowUpAnswered answer(FollowUpOpened opened, String answer) {
        return new FollowUpAnswered(UUID.randomUUID(), opened.applicationId(), Instant.now(), opened.followUpId(),
                opened.kind(), opened.department(), answer, Instant.now());
    }

    private UUID filedAtTheWindow(ObjectNode form) {
        // The sample families live in the region's xx0102 county, whose service centre the policy names.
        String centre = form.get("region").asString().substring(0, 2) + "0102-ZWFW";
        var filed = anonymous.as(Tokens.clerk("clerk-" + UUID.randomUUID(), centre)).post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return UUID.fromString(filed.json().get("id").asString());
    }

    private long stored(UUID id) {
        return jdbc.sql("select count(*) from evaluation where application_id = ?").param(id).query(Long.class).single();
    }

    private static String evaluations(UUID id) {
        return "/api/v1/applications/" + id + "/evaluations";
    }

    private JsonHttp motherOf(JsonNode form) {
        return anonymous.as(Tokens.citizen(form.get("mother").get("idNumber").asString()));
    }

    private JsonHttp fatherOf(JsonNode form) {
        return anonymous.as(Tokens.citizen(form.get("father").get("idNumber").asString()));
    }

    /** Jilin grants the vaccination certificate and maternity reimbursement at the hospital: finished at once. */
    private static ObjectNode jilinFamily() {
        ObjectNode form = JsonHttp.newFamily();
        String county = "220102";
        form.put("region", "220000").put("channel", "WINDOW");
        ((ObjectNode) form.get("mother")).put("householdDivision", county);
        ((ObjectNode) form.get("father")).put("householdDivision", county);
        ((ObjectNode) form.get("household")).put("nativePlace", county);
        ((ObjectNode) form.get("insurance")).put("insuredDivision", county);
        ((ObjectNode) form.get("newborn")).put("birthCertificateNumber",
                "S%09d".formatted(ThreadLocalRandom.current().nextInt(1_000_000_000)));
        ArrayNode materials = form.putArray("materials");
        for (String material : List.of("BIRTH_CERTIFICATE", "SETTLING_PARENT_HOUSEHOLD_REGISTER", "APPLICANT_ID_CARD")) {
            materials.addObject().put("type", material).put("documentId", "D-" + material);
        }
        return form;
    }
}
