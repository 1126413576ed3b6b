package cn.gov.birth.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.audit.AuditEntry;
import cn.gov.birth.platform.audit.AuditRecorded;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The audit trail as an auditor reads it: every service's entries, through Kafka, for auditors only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditIntegrationTest extends ServiceIntegrationTest {

    private static final String CLERK = "clerk-0042";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_audit");
    }

    @LocalServerPort
    int port;

    @Value("${birth.audit.topic}")
    String auditTopic;

    JsonHttp anonymous;
    JsonHttp auditor;
    JsonHttp clerk;

    @BeforeEach
    void clients() {
        anonymous = new JsonHttp("http://127.0.0.1:" + port);
        auditor = anonymous.as(Tokens.token("auditor-0001", List.of(Role.AUDITOR), null, null));
        clerk = anonymous.as(Tokens.clerk(CLERK, "520102-ZWFW"));
    }

    @Test
    void shouldPublishOnTheTopicTheContractsName() {
        assertThat(auditTopic).isEqualTo(Topics.AUDIT);
    }

    @Test
    void shouldShowAnAuditorAClerksReadOfAnApplicationAndAStaffDecisionFromAnotherServicesChain() {
        UUID id = fileAtTheWindow();
        assertThat(clerk.get("/api/v1/applications/" + id).status()).isEqualTo(200);
        AuditRecorded decision = decision(id, 7);

        publish(decision);
        publish(decision);

        JsonNode trail = await().atMost(Duration.ofSeconds(30)).until(
                () -> auditor.get("/api/v1/audit?applicationId=" + id).json(),
                page -> page.get("totalItems").asLong() == 2);
        assertThat(trail.get("items").valueStream().map(entry -> entry.get("service").asString() + " "
                + entry.get("actor").asString() + " " + entry.get("action").asString()))
                .containsExactlyInAnyOrder("application-service " + CLERK + " READ_APPLICATION",
                        "hukou-service police-0042 DECIDE");
        JsonNode byStaff = auditor.get("/api/v1/audit?subject=police-0042&applicationId=" + id).json();
        assertThat(byStaff.get("items")).singleElement().satisfies(entry -> {
            assertThat(entry.get("department").asString()).isEqualTo("POLICE");
            assertThat(entry.get("seq").asLong()).isEqualTo(7);
            assertThat(entry.get("hash").asString()).isEqualTo(decision.hash());
        });
        assertThat(auditor.get("/api/v1/audit?applicationId=" + id + "&to=" + decision.at()).json()
                .get("items").valueStream().map(entry -> entry.get("actor").asString())).doesNotContain("police-0042");
    }

    @Test
    void shouldNotAuditAFamilyFollowingItsOwnApplicationButEveryWithdrawal() {
        ObjectNode form = JsonHttp.newFamily();
        String mother = Tokens.citizen(form.get("mother").get("idNumber").asString());
        JsonHttp family = anonymous.as(mother);
        var filed = family.post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());

        assertThat(family.get("/api/v1/applications/" + id).status()).isEqualTo(200);
        assertThat(family.post("/api/v1/applications/" + id + "/withdrawal", "").status()).isEqualTo(200);

        assertThat(jdbc.sql("select action from audit_entry where application_id = ? order by seq").param(id)
                .query(String.class).list()).containsExactly("WITHDRAW");
    }

    @Test
    void shouldRefuseTheTrailToEveryoneButAuditors() {
        String path = "/api/v1/audit";

        assertThat(anonymous.get(path).status()).isEqualTo(401);
        assertThat(anonymous.as(Tokens.citizen("520102199403121220")).get(path).status()).isEqualTo(403);
        for (Role role : List.of(Role.CLERK, Role.HOSPITAL, Role.SUPERVISOR, Role.OPS)) {
            assertThat(anonymous.as(Tokens.of(role)).get(path).status()).as(role.name()).isEqualTo(403);
        }
        assertThat(anonymous.as(Tokens.staff("POLICE")).get(path).status()).isEqualTo(403);
        assertThat(auditor.get(path).status()).isEqualTo(200);
        assertThat(auditor.get(path + "?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void shouldReportTheChainIntactToOpsAndTheRowWhereItWasEdited() {
        UUID id = fileAtTheWindow();
        for (int i = 0; i < 3; i++) {
            assertThat(clerk.get("/api/v1/applications/" + id).status()).isEqualTo(200);
        }
        JsonHttp ops = anonymous.as(Tokens.of(Role.OPS));
        assertThat(ops.get("/actuator/auditchain").json().get("intact").asBoolean()).isTrue();
        long edited = jdbc.sql("select max(seq) - 1 from audit_entry").query(Long.class).single();
        String detail = jdbc.sql("select detail from audit_entry where seq = ?").param(edited).query(String.class)
                .single();

        jdbc.sql("update audit_entry set detail = 'x' where seq = ?").param(edited).update();

        JsonNode verification = ops.get("/actuator/auditchain").json();
        assertThat(verification.get("intact").asBoolean()).isFalse();
        assertThat(verification.get("brokenAt").asLong()).isEqualTo(edited);
        assertThat(clerk.get("/actuator/auditchain").status()).isEqualTo(403);
        // Put back as it was written, the row fits its chain again.
        jdbc.sql("update audit_entry set detail = ? where seq = ?").params(detail, edited).update();
        assertThat(ops.get("/actuator/auditchain").json().get("intact").asBoolean()).isTrue();
    }

    private UUID fileAtTheWindow() {
        var filed = clerk.post("/api/v1/applications", JsonHttp.newFamily().put("channel", "WINDOW"));
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return UUID.fromString(filed.json().get("id").asString());
    }

    /** As another service's outbox relay sends an entry of its chain. */
    @Test
    void shouldRefuseAnEntryThatDoesNotMatchItsHash() {
        UUID id = fileAtTheWindow();
        AuditRecorded genuine = decision(id, 8);
        AuditRecorded forged = new AuditRecorded(UUID.randomUUID(), genuine.service(), 9, genuine.at(),
                "someone-else", genuine.roles(), genuine.department(), genuine.action(), id, genuine.detail(),
                genuine.hash(), genuine.hash());

        publish(forged);
        publish(genuine);

        await().atMost(Duration.ofSeconds(60)).until(
                () -> auditor.get("/api/v1/audit?subject=police-0042&applicationId=" + id).json(),
                page -> page.get("totalItems").asLong() == 1);
        assertThat(auditor.get("/api/v1/audit?subject=someone-else").json().get("totalItems").asLong()).isZero();
    }

    /** A staff decision as hukou-service's chain records it, hashed as every service hashes its rows. */
    private static AuditRecorded decision(UUID application, long seq) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String detail = "task=" + UUID.randomUUID() + ",item=HUKOU,decision=APPROVE";
        String hash = new AuditEntry(seq, at, "police-0042", "STAFF", "POLICE", "DECIDE", application, detail,
                "a".repeat(64), null).expectedHash();
        return new AuditRecorded(UUID.randomUUID(), "hukou-service", seq, at, "police-0042", "STAFF", "POLICE",
                "DECIDE", application, detail, "a".repeat(64), hash);
    }

    private void publish(AuditRecorded entry) {
        probe.send(CloudEventRecords.of(Topics.AUDIT, entry.service(), AuditRecorded.TYPE, entry.eventId(),
                "/birth/" + entry.service(), entry.at(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                EventCodec.mapper().writeValueAsBytes(entry)));
    }
}
