package cn.gov.birth.application.intake;

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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The window and assisted filing (帮办代办): a clerk files for a family at the service centre their
 * token names, the paper checked at the window is recorded, the family finds the application in
 * its own list by either parent's ID number, and only that centre's clerks see it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WindowFilingIntegrationTest extends ServiceIntegrationTest {

    private static final String NANMING = "520102-ZWFW";
    private static final String APPLICATIONS = "/api/v1/applications";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_application_window");
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

    private JsonHttp clerk(String subject, String centre) {
        return anonymous.as(Tokens.clerk(subject, centre));
    }

    private JsonHttp parent(JsonNode form, String parent) {
        return anonymous.as(Tokens.citizen(form.get(parent).get("idNumber").asString()));
    }

    private static ObjectNode atTheWindow() {
        return JsonHttp.newFamily().put("channel", "WINDOW");
    }

    private UUID filed(JsonHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return UUID.fromString(response.json().get("id").asString());
    }

    @Test
    void shouldRecordTheCentreTheClerkAndThePaperCheckedAndShowThemToTheFamilyAndOnTheNotice() {
        ObjectNode form = atTheWindow();
        UUID id = filed(clerk("clerk-0042", NANMING).post(APPLICATIONS, form));

        JsonNode seen = parent(form, "mother").get(APPLICATIONS + "/" + id).json();
        JsonNode filing = seen.get("filing");
        assertThat(filing.get("channel").asString()).isEqualTo("WINDOW");
        assertThat(filing.get("filedBy").asString()).isEqualTo("clerk-0042");
        assertThat(filing.get("serviceCentre").get("code").asString()).isEqualTo(NANMING);
        assertThat(filing.get("serviceCentre").get("name").asString()).isEqualTo("贵阳市南明区政务服务中心");
        assertThat(filing.get("serviceCentre").get("phone").asString()).isEqualTo("12345");
        assertThat(seen.get("materialsReceived").valueStream().map(m -> m.get("type").asString() + " "
                + m.get("documentId").asString() + " " + m.get("receivedBy").asString() + " "
                + m.get("serviceCentre").asString()))
                .containsExactly("MOTHER_HOUSEHOLD_REGISTER D-0001 clerk-0042 " + NANMING,
                        "FATHER_HOUSEHOLD_REGISTER D-0002 clerk-0042 " + NANMING,
                        "MARRIAGE_CERTIFICATE D-0003 clerk-0042 " + NANMING,
                        "GUARDIAN_ID_CARD D-0004 clerk-0042 " + NANMING);
        assertThat(seen.get("materialsReceived").get(2).get("name").asString()).isEqualTo("结婚证");
        assertThat(seen.get("timeline").valueStream().map(entry -> entry.get("type").asString()))
                .startsWith("MaterialsReceived", "ApplicationAccepted");

        String notice = clerk("clerk-0042", NANMING).get(APPLICATIONS + "/" + id + "/notice").json()
                .get("text").asString();
        assertThat(notice).contains("受理窗口：贵阳市南明区政务服务中心", "窗口经办人：clerk-0042", "窗口已收材料",
                "结婚证（扫描件编号 D-0003）");
        assertThat(jdbc.sql("select channel || ' ' || service_centre from application where id = ?").param(id)
                .query(String.class).single()).isEqualTo("WINDOW " + NANMING);
    }

    @Test
    void shouldLetBothParentsFindAndFollowWhatTheClerkFiledInTheirOwnList() {
        ObjectNode form = atTheWindow();
        UUID id = filed(clerk("clerk-0042", NANMING).post(APPLICATIONS, form));

        for (String parent : List.of("mother", "father")) {
            JsonHttp family = parent(form, parent);
            assertThat(family.get(APPLICATIONS + "?size=100").json().get("items").valueStream()
                    .map(a -> a.get("id").asString())).as(parent).contains(id.toString());
            assertThat(family.get(APPLICATIONS + "/" + id).status()).as(parent).isEqualTo(200);
            assertThat(family.get(APPLICATIONS + "/" + id + "/notice").status()).as(parent).isEqualTo(200);
        }
    }

    @Test
    void shouldShowAnApplicationToTheClerksOfItsCentreOnlyAndToNoOtherCentre() {
        ObjectNode form = atTheWindow();
        UUID id = filed(clerk("clerk-0042", NANMING).post(APPLICATIONS, form));
        JsonHttp colleague = clerk("clerk-0043", NANMING);
        JsonHttp elsewhere = clerk("clerk-0099", "520102-OTHER");

        assertThat(colleague.get(APPLICATIONS + "/" + id).status()).isEqualTo(200);
        assertThat(colleague.get(APPLICATIONS + "/" + id + "/notice").status()).isEqualTo(200);
        assertThat(colleague.get(APPLICATIONS + "?size=100").json().get("items").valueStream()
                .map(a -> a.get("id").asString())).contains(id.toString());
        assertThat(elsewhere.get(APPLICATIONS + "/" + id).status()).isEqualTo(404);
        assertThat(elsewhere.get(APPLICATIONS + "/" + id + "/notice").status()).isEqualTo(404);
        assertThat(elsewhere.post(APPLICATIONS + "/" + id + "/withdrawal", "").status()).isEqualTo(404);
        assertThat(elsewhere.get(APPLICATIONS).json().get("items").valueStream()
                .map(a -> a.get("id").asString())).doesNotContain(id.toString());
    }

    @Test
    void shouldRefuseAClerkWithoutACentreOrWithACentreOfAnotherRegion() {
        ObjectNode form = atTheWindow();

        var noCentre = anonymous.as(Tokens.of(Role.CLERK)).post(APPLICATIONS, form);
        var gansuCentre = clerk("clerk-0042", "620102-ZWFW").post(APPLICATIONS, form);

        assertThat(noCentre.status()).isEqualTo(403);
        assertThat(noCentre.json().get("detail").asString()).contains("政务服务中心");
        assertThat(gansuCentre.status()).isEqualTo(403);
        assertThat(gansuCentre.json().get("detail").asString()).contains("620102-ZWFW", "贵州省");
        assertThat(storedFor(form)).isZero();
    }

    @Test
    void shouldRefuseMaterialsOfAnUnknownKindOrWithoutAScanAndStoreNothing() {
        ObjectNode unknownKind = atTheWindow();
        ((ArrayNode) unknownKind.get("materials")).addObject().put("type", "HOUSE_DEED").put("documentId", "D-0009");
        ObjectNode noScan = atTheWindow();
        ((ArrayNode) noScan.get("materials")).addObject().put("type", "BIRTH_CERTIFICATE");

        var unknown = clerk("clerk-0042", NANMING).post(APPLICATIONS, unknownKind);
        var unscanned = clerk("clerk-0042", NANMING).post(APPLICATIONS, noScan);

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).contains("HOUSE_DEED");
        assertThat(unscanned.status()).isEqualTo(422);
        assertThat(unscanned.json().get("detail").asString()).contains("BIRTH_CERTIFICATE", "扫描件编号");
        assertThat(storedFor(unknownKind) + storedFor(noScan)).isZero();
    }

    @Test
    void shouldRecordThePaperAColleagueChecksForASupplementAndRefuseAnUnknownKind() {
        ObjectNode form = atTheWindow();
        ArrayNode materials = (ArrayNode) form.get("materials");
        materials.remove(2);
        UUID id = filed(clerk("clerk-0042", NANMING).post(APPLICATIONS, form));
        JsonHttp colleague = clerk("clerk-0043", NANMING);
        String supplements = APPLICATIONS + "/" + id + "/supplements";

        var unknown = colleague.post(supplements, """
                {"materials": [{"type": "HOUSE_DEED", "documentId": "D-0109"}]}""");
        var supplemented = colleague.post(supplements, """
                {"materials": [{"type": "MARRIAGE_CERTIFICATE", "documentId": "D-0103"}]}""");

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(supplemented.status()).as(supplemented.body()).isEqualTo(200);
        assertThat(supplemented.json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(supplemented.json().get("materialsReceived").valueStream().map(m -> m.get("type").asString()
                + " " + m.get("receivedBy").asString()))
                .containsExactly("MOTHER_HOUSEHOLD_REGISTER clerk-0042", "FATHER_HOUSEHOLD_REGISTER clerk-0042",
                        "GUARDIAN_ID_CARD clerk-0042", "MARRIAGE_CERTIFICATE clerk-0043");
    }

    @Test
    void shouldRecordTheHospitalWhereItsPolicyTakesHospitalFilingsAndRefuseElsewhere() {
        ObjectNode inGuizhou = JsonHttp.newFamily().put("channel", "HOSPITAL");
        ObjectNode inGansu = JsonHttp.newFamily().put("region", "620000").put("channel", "HOSPITAL");
        JsonHttp hospital = anonymous.as(Tokens.hospital("hospital-0007", "H520102001"));

        UUID id = filed(hospital.post(APPLICATIONS, inGuizhou));
        var refused = hospital.post(APPLICATIONS, inGansu);
        var noHospital = anonymous.as(Tokens.of(Role.HOSPITAL)).post(APPLICATIONS, JsonHttp.newFamily()
                .put("channel", "HOSPITAL"));

        JsonNode filing = parent(inGuizhou, "mother").get(APPLICATIONS + "/" + id).json().get("filing");
        assertThat(filing.get("channel").asString()).isEqualTo("HOSPITAL");
        assertThat(filing.get("hospital").asString()).isEqualTo("H520102001");
        assertThat(filing.get("filedBy").asString()).isEqualTo("hospital-0007");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("title").asString()).isEqualTo("Channel not offered in this region");
        assertThat(refused.json().get("detail").asString()).contains("甘肃省", "助产机构");
        assertThat(noHospital.status()).isEqualTo(403);
        assertThat(storedFor(inGansu)).isZero();
    }

    private long storedFor(JsonNode form) {
        return jdbc.sql("select count(*) from application where mother_index = ?")
                .param(index.idNumber(form.get("mother").get("idNumber").asString())).query(Long.class).single();
    }
}
