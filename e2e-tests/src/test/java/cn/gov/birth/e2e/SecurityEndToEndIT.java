package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.PartnerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Access control end to end, through the gateway with tokens as the portal gets them: a family's
 * application is theirs alone; partners' callbacks count only when signed by the right partner,
 * once; staff decide with their own identity; a person in a rush and an oversized body are stopped
 * at the door.
 */
class SecurityEndToEndIT {

    private static final Duration COMPLETION = Duration.ofSeconds(120);
    /** A resident who is no parent of any application here. */
    private static final String STRANGER = cn.gov.birth.contracts.codes.ResidentIdNumber.of("520102",
            java.time.LocalDate.of(1988, 1, 1), 123);
    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void platform() throws IOException {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    private static UUID completed(JsonHttp family, ObjectNode form) {
        var filed = family.post("/api/v1/applications", form);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        UUID id = UUID.fromString(filed.json().get("id").asString());
        await("application " + id + " completed").atMost(COMPLETION).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(family.get("/api/v1/applications/" + id).json().get("status")
                        .asString()));
        return id;
    }

    @Test
    void shouldCompleteAFamilysApplicationAndTellAnyoneElseItDoesNotExist() {
        ObjectNode form = portal.knownFamily();
        JsonHttp mother = portal.motherOf(form);
        UUID id = completed(mother, form);
        JsonHttp stranger = portal.citizen(STRANGER);
        String one = "/api/v1/applications/" + id;

        assertThat(List.of(stranger.get(one).status(), stranger.get(one + "/notice").status(),
                stranger.post(one + "/supplements", "{\"household\": {}}").status(),
                stranger.post(one + "/withdrawal", "{}").status(),
                stranger.get("/api/v1/notifications?applicationId=" + id).status())).containsOnly(404);
        assertThat(stranger.get("/api/v1/applications").json().get("items").valueStream()
                .noneMatch(a -> a.get("id").asString().equals(id.toString()))).isTrue();
        // Nothing the stranger did changed it.
        assertThat(mother.get(one).json().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(portal.citizen(form.get("father").get("idNumber").asString()).get(one).status()).isEqualTo(200);
    }

    @Test
    void shouldChangeNothingForForgedUnsignedOrReplayedCallbacks() {
        ObjectNode form = portal.knownFamily();
        JsonHttp mother = portal.motherOf(form);
        UUID id = completed(mother, form);
        String order = platform.query("insurance-service",
                "select order_id from payment_order where application_id = ?", id).getFirst();
        String request = platform.query("sscard-service",
                "select request_id::text from card_request where application_id = ?", id).getFirst();
        String bank = platform.query("sscard-service",
                "select bank_code from card_request where request_id = ?::uuid", request).getFirst();
        String expired = "{\"orderId\":\"" + order + "\",\"status\":\"EXPIRED\"}";
        String failed = "{\"requestId\":\"" + request + "\",\"status\":\"FAILED\",\"reason\":\"forged\"}";
        JsonHttp anyone = portal.anonymous();

        List<Integer> answers = new ArrayList<>();
        answers.add(anyone.post("/api/v1/payment-callbacks", expired).status());
        answers.add(anyone.post("/api/v1/card-callbacks", failed).status());
        String[] forged = PartnerCalls.signed("TAX-CHANNEL", expired);
        forged[forged.length - 1] = "f".repeat(64);
        answers.add(anyone.post("/api/v1/payment-callbacks", expired, forged).status());
        // A bank reports only on what was sent to it; a tax report signed as a bank is no tax report.
        int anotherBank = anyone.post("/api/v1/card-callbacks", failed,
                PartnerCalls.signed("BANK-" + ("ICBC".equals(bank) ? "CCB" : "ICBC"), failed)).status();
        int bankAsTaxChannel = anyone.post("/api/v1/payment-callbacks", expired,
                PartnerCalls.signed("BANK-" + bank, expired)).status();
        // The bank's own report of the card made, repeated word for word with the same signature.
        String made = "{\"requestId\":\"" + request + "\",\"status\":\"MADE\",\"cardNumber\":\""
                + platform.query("sscard-service", "select card_number from card_request where request_id = ?::uuid",
                request).getFirst() + "\",\"reason\":null}";
        String[] signed = PartnerCalls.signed("BANK-" + bank, made);
        int first = anyone.post("/api/v1/card-callbacks", made, signed).status();
        int replayed = anyone.post("/api/v1/card-callbacks", made, signed).status();

        assertThat(answers).containsOnly(401);
        assertThat(anotherBank).isEqualTo(404);
        assertThat(bankAsTaxChannel).isEqualTo(403);
        assertThat(first).isEqualTo(200);
        assertThat(replayed).isEqualTo(401);
        assertThat(platform.query("insurance-service", "select state from payment_order where order_id = ?", order))
                .containsExactly("PAID");
        assertThat(platform.query("sscard-service", "select state from card_request where request_id = ?::uuid",
                request)).containsExactly("MADE");
        assertThat(mother.get("/api/v1/applications/" + id).json().get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void shouldRefuseAStaffDecisionWithACitizenTokenWhateverXStaffIdSays() {
        ObjectNode rare = portal.knownFamily();
        ((ObjectNode) rare.get("newborn")).put("givenName", "𠮷宁");
        JsonHttp mother = portal.motherOf(rare);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", rare).json().get("id").asString());
        JsonHttp staff = portal.staff("HEALTH");
        await("health review task").atMost(COMPLETION).until(() -> task(staff, id) != null);
        String decisions = "/api/v1/departments/HEALTH/tasks/" + task(staff, id) + "/decisions";
        String approve = "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}";

        var byCitizen = mother.post(decisions, approve, "X-Staff-Id", "health-0001");
        var anonymously = portal.anonymous().post(decisions, approve, "X-Staff-Id", "health-0001");
        var byStaffOfPolice = portal.staff("POLICE").post(decisions, approve, "X-Staff-Id", "health-0001");

        assertThat(byCitizen.status()).isEqualTo(403);
        assertThat(anonymously.status()).isEqualTo(401);
        assertThat(byStaffOfPolice.status()).isEqualTo(403);
        assertThat(task(staff, id)).isNotNull();
        JsonHttp officer = portal.signedIn("health-0042", "STAFF", "HEALTH");
        var decided = officer.post(decisions, approve, "X-Staff-Id", "someone-else");
        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("decidedBy").asString()).isEqualTo("health-0042");
    }

    @Test
    void shouldShowAnAuditorAStaffMembersReadAndDecisionAndRefuseTheTrailToTheFamily() {
        ObjectNode rare = portal.knownFamily();
        ((ObjectNode) rare.get("newborn")).put("givenName", "𠮷安");
        JsonHttp mother = portal.motherOf(rare);
        UUID id = UUID.fromString(mother.post("/api/v1/applications", rare).json().get("id").asString());
        JsonHttp officer = portal.signedIn("health-0077", "STAFF", "HEALTH");
        await("health review task").atMost(COMPLETION).until(() -> task(officer, id) != null);
        var decided = officer.post("/api/v1/departments/HEALTH/tasks/" + task(officer, id) + "/decisions",
                "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}");
        assertThat(decided.status()).isEqualTo(200);
        JsonHttp auditor = portal.signedIn("auditor-0001", "AUDITOR", null);

        JsonNode trail = await("the decision in the auditors' copy").atMost(COMPLETION).until(
                () -> auditor.get("/api/v1/audit?applicationId=" + id + "&subject=health-0077").json(),
                page -> page.get("items").valueStream().anyMatch(e -> e.get("action").asString().equals("DECIDE")));

        assertThat(trail.get("items").valueStream().map(e -> e.get("service").asString() + " "
                + e.get("action").asString())).contains("birth-cert-service READ_REVIEW_TASK",
                "birth-cert-service DECIDE");
        assertThat(mother.get("/api/v1/audit?applicationId=" + id).status()).isEqualTo(403);
        assertThat(officer.get("/api/v1/audit?applicationId=" + id).status()).isEqualTo(403);
        assertThat(portal.anonymous().get("/api/v1/audit?applicationId=" + id).status()).isEqualTo(401);
    }

    private static String task(JsonHttp staff, UUID application) {
        return staff.get("/api/v1/departments/HEALTH/tasks?size=100").json().get("items").valueStream()
                .filter(t -> t.get("applicationId").asString().equals(application.toString()))
                .map(t -> t.get("id").asString()).findFirst().orElse(null);
    }

    @Test
    void shouldAnswer429WithRetryAfterToOneCitizenInARush() {
        JsonHttp citizen = portal.citizen(STRANGER);

        List<JsonHttp.Response> answers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            answers.add(citizen.get("/api/v1/applications"));
        }

        List<JsonHttp.Response> refused = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(refused).isNotEmpty();
        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.retryAfter()).isEqualTo("1");
            assertThat(answer.contentType()).startsWith("application/problem+json");
        });
        assertThat(answers.stream().filter(a -> a.status() == 200)).isNotEmpty();
    }

    @Test
    void shouldRefuseA300KbChunkedBodyWith413AtTheGateway() throws Exception {
        ObjectNode form = JsonHttp.newFamily();
        form.put("padding", "a".repeat(300 * 1024));
        byte[] body = form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String token = portal.token("chunky-" + UUID.randomUUID(), List.of("CITIZEN"), null,
                form.get("mother").get("idNumber").asString());

        // A stream of unknown length: the client sends it chunked, with no Content-Length.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/api/v1/applications"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(platform.query("application-service", "select count(*) from application where mother_index is "
                + "not null and submitted_by like 'chunky-%'")).containsExactly("0");
    }
}
