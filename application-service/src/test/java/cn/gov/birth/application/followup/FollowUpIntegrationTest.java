package cn.gov.birth.application.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
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

/**
 * Complaints as application-service takes them: the family's alone, sent to the answering department's
 * topic with what it needs and a due date, the department's answer recorded and told to the family.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FollowUpIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_follow_up");
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
    void shouldRouteAComplaintToTheItemsDepartmentWithItsDueDateAndListItWithItsAnswer() {
        ObjectNode form = JsonHttp.newFamily();
        JsonHttp mother = motherOf(form);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", form).json().get("id").asString());

        var filed = mother.post(complaints(id), "{\"item\": \"HUKOU\", \"text\": \"派出所电话一直打不通\"}");

        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.json().get("department").asString()).isEqualTo("POLICE");
        assertThat(filed.json().get("answerBy").asString())
                .isEqualTo(calendar.addWorkingDays(LocalDate.now(ChinaTime.ZONE), 15).toString());
        FollowUpOpened opened = probe.awaitEvent(Topics.applicationsFor(Department.POLICE), FollowUpOpened.class,
                event -> event.applicationId().equals(id));
        assertThat(opened.kind()).isEqualTo(FollowUpKind.COMPLAINT);
        assertThat(opened.text()).isEqualTo("派出所电话一直打不通");
        assertThat(opened.contactDue()).isNull();
        assertThat(jdbc.sql("select text from follow_up where id = ?").param(opened.followUpId())
                .query(String.class).single()).startsWith("ENC1:").doesNotContain("派出所");

        probe.publish(Topics.FOLLOW_UP_ANSWERS, answer(opened, "已核实，已为您开通专线。"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mother.get(complaints(id)).json().get(0)
                .get("answer").isString());
        assertThat(mother.get(complaints(id)).json()).singleElement().satisfies(complaint -> {
            assertThat(complaint.get("text").asString()).isEqualTo("派出所电话一直打不通");
            assertThat(complaint.get("answer").asString()).isEqualTo("已核实，已为您开通专线。");
        });
        assertThat(probe.awaitEvent(Topics.APPLICATION_STATUS, FamilyAnswered.class,
                event -> event.applicationId().equals(id)).kind()).isEqualTo(FollowUpKind.COMPLAINT);
    }

    @Test
    void shouldTakeComplaintsFromTheFamilyAloneAndRefuseBadOnesStoringNothing() {
        ObjectNode form = JsonHttp.newFamily();
        JsonHttp mother = motherOf(form);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", form).json().get("id").asString());
        String good = "{\"text\": \"材料要求前后不一致\"}";

        assertThat(anonymous.post(complaints(id), good).status()).isEqualTo(401);
        assertThat(anonymous.as(Tokens.of(Role.CLERK)).post(complaints(id), good).status()).isEqualTo(403);
        assertThat(anonymous.as(Tokens.staff("HEALTH")).get(complaints(id)).status()).isEqualTo(403);
        assertThat(anonymous.as(Tokens.citizen("520102198801011232")).post(complaints(id), good).status())
                .isEqualTo(404);
        assertThat(anonymous.as(Tokens.citizen("520102198801011232")).get(complaints(id)).status()).isEqualTo(404);
        assertThat(mother.post(complaints(id), "{\"text\": \"  \"}").status()).isEqualTo(400);
        assertThat(mother.post(complaints(id), "{\"text\": \"" + "长".repeat(1001) + "\"}").status()).isEqualTo(400);
        assertThat(mother.post(complaints(id), "{\"item\": \"PASSPORT\", \"text\": \"办不了\"}").status())
                .isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from follow_up where application_id = ?").param(id)
                .query(Long.class).single()).isZero();
        assertThat(mother.get(complaints(id)).json()).isEmpty();
    }

    @Test
    void shouldRefuseAComplaintAboutAnItemTheApplicationDoesNotInclude() {
        ObjectNode form = JsonHttp.newFamily();
        ((ArrayNode) form.get("items")).removeAll().add("BIRTH_CERT");
        JsonHttp mother = motherOf(form);
        var filing = mother.post("/api/v1/applications", form);
        UUID id = UUID.fromString(filing.json().get("id").asString());

        var refused = mother.post(complaints(id), "{\"item\": \"SOCIAL_SECURITY_CARD\", \"text\": \"社保卡没消息\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from follow_up where application_id = ?").param(id)
                .query(Long.class).single()).isZero();
    }

    private static FollowUpAnswered answer(FollowUpOpened opened, String answer) {
        return new FollowUpAnswered(UUID.randomUUID(), opened.applicationId(), Instant.now(), opened.followUpId(),
                opened.kind(), opened.department(), answer, Instant.now());
    }

    private static String complaints(UUID id) {
        return "/api/v1/applications/" + id + "/complaints";
    }

    private JsonHttp motherOf(JsonNode form) {
        return anonymous.as(Tokens.citizen(form.get("mother").get("idNumber").asString()));
    }
}
