package cn.gov.birth.application.access;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Who may file, see and act on an application, checked by application-service itself (no gateway in front). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationAccessIntegrationTest extends ServiceIntegrationTest {

    private static final String STRANGER = "520102198801011232";
    /** The service centre of the sample families' county (policies/520000.yml). */
    private static final String CENTRE = "520102-ZWFW";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_access");
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex index;

    JsonHttp anonymous;

    @BeforeEach
    void client() {
        anonymous = new JsonHttp("http://127.0.0.1:" + port);
    }

    private JsonHttp citizen(String idNumber) {
        return anonymous.as(Tokens.citizen(idNumber));
    }

    private JsonHttp motherOf(JsonNode form) {
        return citizen(form.get("mother").get("idNumber").asString());
    }

    private JsonHttp fatherOf(JsonNode form) {
        return citizen(form.get("father").get("idNumber").asString());
    }

    @Test
    void shouldLetTheMotherFileOnlineAndBothParentsFollowWhileAnyoneElseIsToldThereIsNone() {
        ObjectNode form = JsonHttp.newFamily();
        var filed = motherOf(form).post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        String one = "/api/v1/applications/" + id;

        for (JsonHttp family : List.of(motherOf(form), fatherOf(form))) {
            assertThat(family.get(one).status()).isEqualTo(200);
            assertThat(family.get(one + "/notice").status()).isEqualTo(200);
            assertThat(family.get("/api/v1/applications").json().get("items").valueStream()
                    .map(a -> a.get("id").asString())).contains(id.toString());
        }
        for (JsonHttp other : List.of(citizen(STRANGER), anonymous.as(Tokens.of(Role.CLERK)),
                anonymous.as(Tokens.of(Role.HOSPITAL)))) {
            assertThat(other.get(one).status()).isEqualTo(404);
            assertThat(other.get(one + "/notice").status()).isEqualTo(404);
            assertThat(other.post(one + "/supplements", "{\"household\": {}}").status()).isEqualTo(404);
            assertThat(other.post(one + "/withdrawal", "").status()).isEqualTo(404);
            assertThat(other.get("/api/v1/applications").json().get("items").valueStream()
                    .map(a -> a.get("id").asString())).doesNotContain(id.toString());
        }
        for (Role role : List.of(Role.STAFF, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.OPS, Role.AUDITOR)) {
            assertThat(anonymous.as(Tokens.token("someone", List.of(role), "HEALTH", null)).get(one).status())
                    .as(role.name()).isEqualTo(403);
        }
        assertThat(anonymous.get(one).status()).isEqualTo(401);
        assertThat(anonymous.post(one + "/withdrawal", "").status()).isEqualTo(401);
        assertThat(motherOf(form).get(one).json().get("status").asString()).isEqualTo("ACCEPTED");
    }

    @Test
    void shouldAnswerAFamilyAskingAgainWithItsETag304UntilTheApplicationChangesAndAnyoneElse404() {
        ObjectNode form = JsonHttp.newFamily();
        var filed = motherOf(form).post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String one = "/api/v1/applications/" + filed.json().get("id").asString();

        var first = fatherOf(form).get(one);
        assertThat(first.etag()).isEqualTo("W/\"v" + first.json().get("version").asLong() + "\"");
        var again = motherOf(form).get(one, "If-None-Match", first.etag());
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.etag()).isEqualTo(first.etag());
        assertThat(motherOf(form).get(one, "If-None-Match", "W/\"v0\", " + first.etag()).status()).isEqualTo(304);
        assertThat(motherOf(form).get(one, "If-None-Match", "W/\"v0\"").status()).isEqualTo(200);
        assertThat(motherOf(form).get(one, "If-None-Match", "not a tag, \"").status()).isEqualTo(200);
        assertThat(citizen(STRANGER).get(one, "If-None-Match", first.etag()).status()).isEqualTo(404);
        assertThat(citizen(STRANGER).get(one, "If-None-Match", "*").status()).isEqualTo(404);

        assertThat(motherOf(form).post(one + "/withdrawal", "").status()).isEqualTo(200);
        var changed = motherOf(form).get(one, "If-None-Match", first.etag());
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(changed.etag()).isNotEqualTo(first.etag())
                .isEqualTo("W/\"v" + changed.json().get("version").asLong() + "\"");
    }

    @Test
    void shouldRefuseACitizenFilingAsAParentTheyAreNot() {
        ObjectNode form = JsonHttp.newFamily();

        var refused = citizen(STRANGER).post("/api/v1/applications", form);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(jdbc.sql("select count(*) from application where mother_index = ?")
                .param(index.idNumber(form.get("mother").get("idNumber").asString())).query(Long.class).single())
                .isZero();
    }

    @Test
    void shouldRecordWhoFiledAndByWhichChannel() {
        ObjectNode atWindow = JsonHttp.newFamily().put("channel", "WINDOW");
        ObjectNode online = JsonHttp.newFamily().put("channel", "WINDOW");
        ObjectNode atHospital = JsonHttp.newFamily();
        atHospital.remove("channel");
        ObjectNode inGansu = JsonHttp.newFamily().put("region", "620000").put("channel", "HOSPITAL");
        JsonHttp clerk = anonymous.as(Tokens.clerk("clerk-0042", CENTRE));
        JsonHttp hospital = anonymous.as(Tokens.hospital("hospital-0007", "H520102001"));

        var byClerk = clerk.post("/api/v1/applications", atWindow);
        var citizenAtWindow = motherOf(online).post("/api/v1/applications", online);
        var byHospital = hospital.post("/api/v1/applications", atHospital);
        var hospitalInGansu = hospital.post("/api/v1/applications", inGansu);

        assertThat(byClerk.status()).isEqualTo(201);
        assertThat(channelOf(byClerk)).isEqualTo("WINDOW");
        assertThat(citizenAtWindow.status()).isEqualTo(403);
        assertThat(byHospital.status()).as(byHospital.body()).isEqualTo(201);
        assertThat(channelOf(byHospital)).isEqualTo("HOSPITAL");
        // Gansu's policy takes no filings from hospitals.
        assertThat(hospitalInGansu.status()).isEqualTo(403);
        assertThat(hospitalInGansu.json().get("detail").asString()).contains("甘肃省", "助产机构");
        // The mother follows what the hospital filed for her.
        UUID id = UUID.fromString(byHospital.json().get("id").asString());
        assertThat(motherOf(atHospital).get("/api/v1/applications/" + id).status()).isEqualTo(200);
        assertThat(clerk.get("/api/v1/applications/" + id).status()).isEqualTo(404);
    }

    private String channelOf(JsonHttp.Response filed) {
        return jdbc.sql("select channel from application where id = ?")
                .param(UUID.fromString(filed.json().get("id").asString())).query(String.class).single();
    }

    @Test
    void shouldNameTheOpenApplicationOnlyToItsOwnPeople() {
        ObjectNode form = JsonHttp.newFamily();
        String reference = motherOf(form).post("/api/v1/applications", form).json().get("reference").asString();
        ObjectNode again = form.deepCopy();
        ((ObjectNode) again.get("applicant")).put("phone", "13912345678");
        ObjectNode byFather = form.deepCopy();
        ((ObjectNode) byFather.get("applicant")).put("relation", "FATHER");
        ObjectNode atWindow = form.deepCopy().put("channel", "WINDOW");

        var toMother = motherOf(form).post("/api/v1/applications", again);
        var toFather = fatherOf(form).post("/api/v1/applications", byFather);
        var toClerk = anonymous.as(Tokens.clerk("clerk-" + UUID.randomUUID(), CENTRE)).post("/api/v1/applications",
                atWindow);

        assertThat(toMother.status()).isEqualTo(409);
        assertThat(toMother.json().get("detail").asString()).contains(reference);
        assertThat(toFather.status()).isEqualTo(409);
        assertThat(toFather.json().get("detail").asString()).contains(reference);
        assertThat(toClerk.status()).isEqualTo(409);
        assertThat(toClerk.json().get("detail").asString()).doesNotContain(reference).doesNotContain("520000-");
    }

    @Test
    void shouldKeepAnIdempotencyKeyToItsSubmitter() {
        ObjectNode form = JsonHttp.newFamily().put("channel", "WINDOW");
        JsonHttp clerk = anonymous.as(Tokens.clerk("clerk-" + UUID.randomUUID(), CENTRE));
        JsonHttp otherClerk = anonymous.as(Tokens.clerk("clerk-" + UUID.randomUUID(), CENTRE));
        String key = UUID.randomUUID().toString();

        var first = clerk.post("/api/v1/applications", form, "Idempotency-Key", key);
        var repeated = clerk.post("/api/v1/applications", form, "Idempotency-Key", key);
        var someoneElses = otherClerk.post("/api/v1/applications", form, "Idempotency-Key", key);

        assertThat(repeated.json().get("id")).isEqualTo(first.json().get("id"));
        // Not the first clerk's answer: a request of its own, refused as a second open application.
        assertThat(someoneElses.status()).isEqualTo(409);
        assertThat(someoneElses.body()).doesNotContain(first.json().get("id").asString());
    }

    @Test
    void shouldListTheCallersApplicationsNewestFirstAPageAtATime() {
        // Hospital staff list what they filed themselves (a clerk lists their whole centre's).
        JsonHttp staff = anonymous.as(Tokens.hospital("hospital-" + UUID.randomUUID(), "H520102001"));
        List<String> filed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            filed.add(staff.post("/api/v1/applications", JsonHttp.newFamily().put("channel", "HOSPITAL")).json()
                    .get("id").asString());
        }

        JsonNode page = staff.get("/api/v1/applications?page=0&size=2").json();
        JsonNode next = staff.get("/api/v1/applications?page=1&size=2").json();

        assertThat(page.get("totalItems").asLong()).isEqualTo(3);
        assertThat(page.get("items").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(filed.get(2), filed.get(1));
        assertThat(next.get("items").valueStream().map(a -> a.get("id").asString())).containsExactly(filed.get(0));
        assertThat(staff.get("/api/v1/applications?size=101").status()).isEqualTo(400);
        assertThat(staff.get("/api/v1/applications?page=-1").status()).isEqualTo(400);
    }
}
