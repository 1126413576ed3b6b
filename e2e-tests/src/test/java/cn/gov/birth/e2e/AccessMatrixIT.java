package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.PartnerCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may do what, walked as a table: every endpoint of the platform by every kind of caller, the
 * answer each must get. Walked twice — through the gateway, and straight to the service that
 * serves the endpoint (a service reached directly checks as much) — and it is the table the
 * README's access matrix is rendered from ({@link #shouldDescribeTheSameMatrixInTheReadme}).
 */
class AccessMatrixIT {

    /** The kinds of caller: the columns of the matrix. */
    enum Persona {
        ANONYMOUS("anonymous"),
        OWNER("owner (a parent on it)"),
        OTHER_CITIZEN("other citizen"),
        CLERK("clerk"),
        HOSPITAL("hospital staff"),
        STAFF("staff of the department"),
        OTHER_STAFF("staff of another department"),
        ADMIN("department admin"),
        OPS("ops"),
        SUPERVISOR("supervisor"),
        AUDITOR("auditor"),
        PARTNER("partner, good signature"),
        PARTNER_BAD_SIGNATURE("partner, bad signature"),
        PARTNER_REPLAYED("partner, replayed");

        final String title;

        Persona(String title) {
            this.title = title;
        }
    }

    /**
     * One request: method, path, JSON or CSV body, and the mother of the application it is about
     * (the owner who asks; null: the fixture's main family).
     */
    record Call(String method, String path, String body, String contentType, String owner) {

        static Call get(String path) {
            return new Call("GET", path, null, null, null);
        }

        static Call post(String path, String json) {
            return new Call("POST", path, json, "application/json", null);
        }

        Call of(String mother) {
            return new Call(method, path, body, contentType, mother);
        }
    }

    /**
     * One endpoint: how it is written in the matrix, the service that serves it (null: the gateway
     * itself), the partner a good signature comes from, the request each caller makes, and the
     * answers in the order of {@link Persona}. {@code last} is the caller whose request changes
     * state, asked after everyone else.
     */
    record Row(String endpoint, String service, String partner, BiFunction<Persona, Fixture, Call> call,
               List<Integer> expected, Persona last) {
    }

    /** The state the rows act on, made anew for each pass. */
    static final class Fixture {
        String mother;
        UUID application;
        UUID needsSupplement;
        String needsSupplementMother;
        JsonNode missingHousehold;
        UUID toWithdraw;
        String toWithdrawMother;
        String task;
        String followUpTask;
        String paymentCallback;
        String cardCallback;
        String bank;
    }

    /** A resident who is no parent of any application here. */
    private static final String OTHER_CITIZEN = cn.gov.birth.contracts.codes.ResidentIdNumber.of("520102",
            java.time.LocalDate.of(1988, 1, 1), 123);
    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "<!-- access-matrix: generated from e2e-tests AccessMatrixIT; edit the test -->";
    private static final String END = "<!-- /access-matrix -->";

    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void platform() throws IOException {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    private static List<Integer> answers(String codes) {
        return Arrays.stream(codes.trim().split("\\s+")).map(Integer::valueOf).toList();
    }

    /** The matrix. */
    static final List<Row> ROWS = List.of(
            new Row("POST /api/v1/dev/tokens (profile dev only)", null, null,
                    (p, f) -> Call.post("/api/v1/dev/tokens", "{\"subject\":\"someone\",\"roles\":[\"OPS\"]}"),
                    answers("200 200 200 200 200 200 200 200 200 200 200 200 200 200"), null),
            new Row("GET /api/v1/guides/{region}", "application-service", null,
                    (p, f) -> Call.get("/api/v1/guides/520000"),
                    answers("200 200 200 200 200 200 200 200 200 200 200 200 200 200"), null),
            new Row("POST /api/v1/applications/checklist", "application-service", null,
                    (p, f) -> Call.post("/api/v1/applications/checklist", """
                            {"region": "520000", "items": ["HUKOU"], "situation": {"motherEthnicity": "01",
                             "fatherEthnicity": "01", "applicantRelation": "MOTHER", "birthCertificateIssued": false,
                             "manualReimbursement": false}}"""),
                    answers("200 200 200 200 200 200 200 200 200 200 200 200 200 200"), null),
            new Row("POST /api/v1/applications", "application-service", null, AccessMatrixIT::filing,
                    answers("401 201 422 201 201 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/applications", "application-service", null,
                    (p, f) -> Call.get("/api/v1/applications"),
                    answers("401 200 200 200 200 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/applications/{id}", "application-service", null,
                    (p, f) -> Call.get("/api/v1/applications/" + f.application),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/applications/{id}/notice", "application-service", null,
                    (p, f) -> Call.get("/api/v1/applications/" + f.application + "/notice"),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/applications/{id}/events", "notification-service", null,
                    (p, f) -> Call.get("/api/v1/applications/" + f.application + "/events"),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/applications/{id}/supplements", "application-service", null,
                    (p, f) -> Call.post("/api/v1/applications/" + f.needsSupplement + "/supplements",
                            "{\"household\":" + f.missingHousehold + "}").of(f.needsSupplementMother),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), Persona.OWNER),
            new Row("POST /api/v1/applications/{id}/withdrawal", "application-service", null,
                    (p, f) -> Call.post("/api/v1/applications/" + f.toWithdraw + "/withdrawal", "{\"reason\":\"矩阵\"}")
                            .of(f.toWithdrawMother),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), Persona.OWNER),
            new Row("POST /api/v1/applications/{id}/evaluations", "application-service", null,
                    (p, f) -> Call.post("/api/v1/applications/" + f.application + "/evaluations",
                            "{\"score\":5,\"item\":null,\"comment\":\"矩阵\"}"),
                    answers("401 201 404 403 403 403 403 403 403 403 403 401 401 401"), Persona.OWNER),
            new Row("GET /api/v1/applications/{id}/evaluations", "application-service", null,
                    (p, f) -> Call.get("/api/v1/applications/" + f.application + "/evaluations"),
                    answers("401 200 404 403 403 403 403 403 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/applications/{id}/complaints", "application-service", null,
                    (p, f) -> Call.post("/api/v1/applications/" + f.application + "/complaints",
                            "{\"item\":null,\"text\":\"矩阵\"}"),
                    answers("401 201 404 403 403 403 403 403 403 403 403 401 401 401"), Persona.OWNER),
            new Row("GET /api/v1/applications/{id}/complaints", "application-service", null,
                    (p, f) -> Call.get("/api/v1/applications/" + f.application + "/complaints"),
                    answers("401 200 404 403 403 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/statistics/evaluations", "application-service", null,
                    (p, f) -> Call.get("/api/v1/statistics/evaluations"),
                    answers("401 403 403 403 403 200 200 403 200 200 403 401 401 401"), null),
            new Row("GET /api/v1/statistics/applications", "application-service", null,
                    (p, f) -> Call.get("/api/v1/statistics/applications?groupBy=department"),
                    answers("401 403 403 403 403 200 200 403 200 200 403 401 401 401"), null),
            new Row("GET /api/v1/ops/deadlines", "application-service", null,
                    (p, f) -> Call.get("/api/v1/ops/deadlines?overdue=true&dueWithin=P2D"),
                    answers("401 403 403 403 403 200 200 403 200 200 403 401 401 401"), null),
            new Row("POST /api/v1/dev/clock (profile dev only)", "application-service", null,
                    (p, f) -> Call.post("/api/v1/dev/clock", "{\"advance\":\"PT0S\"}"),
                    answers("401 403 403 403 403 403 403 403 200 403 403 401 401 401"), null),
            new Row("DELETE /api/v1/dev/clock (profile dev only)", "application-service", null,
                    (p, f) -> new Call("DELETE", "/api/v1/dev/clock", null, null, null),
                    answers("401 403 403 403 403 403 403 403 200 403 403 401 401 401"), null),
            new Row("GET /api/v1/notifications?applicationId={id}", "notification-service", null,
                    (p, f) -> Call.get("/api/v1/notifications?applicationId=" + f.application),
                    answers("401 200 404 404 404 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/notifications", "notification-service", null,
                    (p, f) -> Call.get("/api/v1/notifications"),
                    answers("401 200 200 200 200 403 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/audit?applicationId={id}", "application-service", null,
                    (p, f) -> Call.get("/api/v1/audit?applicationId=" + f.application),
                    answers("401 403 403 403 403 403 403 403 403 403 200 401 401 401"), null),
            new Row("GET /api/v1/departments/{department}/tasks", "birth-cert-service", null,
                    (p, f) -> Call.get("/api/v1/departments/HEALTH/tasks"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/departments/{department}/tasks/{taskId}/decisions", "birth-cert-service", null,
                    (p, f) -> Call.post("/api/v1/departments/HEALTH/tasks/" + f.task + "/decisions",
                            "{\"decision\":\"APPROVE\",\"message\":\"字形已核对\"}"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), Persona.STAFF),
            new Row("POST /api/v1/departments/{department}/tasks/{taskId}/contacts", "birth-cert-service", null,
                    (p, f) -> Call.post("/api/v1/departments/HEALTH/tasks/" + f.followUpTask + "/contacts", ""),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), Persona.STAFF),
            new Row("POST /api/v1/departments/{department}/tasks/{taskId}/answers", "birth-cert-service", null,
                    (p, f) -> Call.post("/api/v1/departments/HEALTH/tasks/" + f.followUpTask + "/answers",
                            "{\"answer\":\"已核实并答复\"}"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), Persona.STAFF),
            new Row("GET /api/v1/departments/{department}/reference", "birth-cert-service", null,
                    (p, f) -> Call.get("/api/v1/departments/HEALTH/reference"),
                    answers("401 403 403 403 403 403 403 200 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/departments/{department}/reference/imports", "birth-cert-service", null,
                    (p, f) -> Call.get("/api/v1/departments/HEALTH/reference/imports"),
                    answers("401 403 403 403 403 403 403 200 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/departments/{department}/reference/{dataset}", "birth-cert-service", null,
                    (p, f) -> new Call("POST", "/api/v1/departments/HEALTH/reference/hospitals",
                            "code,name,county,qualified\nHMATRIX01,矩阵测试医院,520102,true\n", "text/csv", null),
                    answers("401 403 403 403 403 403 403 200 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/departments/HEALTH/stub-handovers", "birth-cert-service", null,
                    (p, f) -> Call.get("/api/v1/departments/HEALTH/stub-handovers?quarter=2026-Q3"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/departments/HEALTH/stub-handovers", "birth-cert-service", null,
                    (p, f) -> Call.post("/api/v1/departments/HEALTH/stub-handovers?quarter=2026-Q3", ""),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/departments/POLICE/printing-notices", "hukou-service", null,
                    (p, f) -> Call.get("/api/v1/departments/POLICE/printing-notices?station=P52010201"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), null),
            new Row("GET /api/v1/departments/{department}/overdue-items", "birth-cert-service", null,
                    (p, f) -> Call.get("/api/v1/departments/HEALTH/overdue-items"),
                    answers("401 403 403 403 403 200 403 403 403 403 403 401 401 401"), null),
            new Row("POST /api/v1/payment-callbacks (tax channel)", "insurance-service", "TAX-CHANNEL",
                    (p, f) -> Call.post("/api/v1/payment-callbacks", f.paymentCallback),
                    answers("401 401 401 401 401 401 401 401 401 401 401 200 401 401"), null),
            new Row("POST /api/v1/card-callbacks (the bank)", "sscard-service", "BANK",
                    (p, f) -> Call.post("/api/v1/card-callbacks", f.cardCallback),
                    answers("401 401 401 401 401 401 401 401 401 401 401 200 401 401"), null),
            new Row("GET /actuator/prometheus, /actuator/metrics, /actuator/circuitbreakers", "application-service",
                    null, (p, f) -> Call.get("/actuator/prometheus"),
                    answers("401 403 403 403 403 403 403 403 200 403 403 401 401 401"), null),
            new Row("GET /actuator/health/liveness, /actuator/health/readiness", "application-service", null,
                    (p, f) -> Call.get("/actuator/health/readiness"),
                    answers("200 200 200 200 200 200 200 200 200 200 200 200 200 200"), null));

    /**
     * A new family's form each time: its mother files it online, a clerk at the window, hospital
     * staff at the hospital (Guizhou takes that), anyone else as they can.
     */
    private static Call filing(Persona persona, Fixture fixture) {
        ObjectNode form = JsonHttp.newFamily();
        if (persona == Persona.CLERK) {
            form.put("channel", "WINDOW");
        } else if (persona == Persona.HOSPITAL) {
            form.put("channel", "HOSPITAL");
        }
        return Call.post("/api/v1/applications", form.toString()).of(form.get("mother").get("idNumber").asString());
    }

    @Test
    void shouldGiveEveryCallerTheAnswerOfTheMatrixThroughTheGateway() {
        assertThat(walk(null)).isEmpty();
    }

    @Test
    void shouldGiveEveryCallerTheSameAnswerStraightFromEachService() {
        assertThat(walk("direct")).isEmpty();
    }

    @Test
    void shouldDescribeTheSameMatrixInTheReadme() throws IOException {
        String readme = Files.readString(README);
        String table = render();
        if (Boolean.getBoolean("access.matrix.write")) {
            Files.writeString(README, readme.substring(0, readme.indexOf(BEGIN) + BEGIN.length()) + "\n" + table
                    + readme.substring(readme.indexOf(END)));
            readme = Files.readString(README);
        }
        assertThat(readme).as("README's access matrix (regenerate: ./mvnw -pl e2e-tests verify "
                + "-Daccess.matrix.write=true)").contains(BEGIN + "\n" + table + END);
    }

    /** Every answer that is not the matrix's, as {@code endpoint | caller: expected -> got}. */
    private static List<String> walk(String direct) {
        Fixture fixture = fixture();
        List<String> wrong = new ArrayList<>();
        for (Row row : ROWS) {
            if (direct != null && row.service() == null) {
                continue;
            }
            String base = direct == null ? platform.gatewayUrl() : platform.serviceUrl(row.service());
            List<Persona> order = new ArrayList<>(List.of(Persona.values()));
            if (row.last() != null) {
                order.remove(row.last());
                order.add(row.last());
            }
            for (Persona persona : order) {
                int expected = row.expected().get(persona.ordinal());
                int got = answer(base, row, persona, fixture);
                if (got != expected) {
                    wrong.add(row.endpoint() + " | " + persona.title + ": expected " + expected + " -> " + got
                            + (direct == null ? " (gateway)" : " (" + row.service() + ")"));
                }
            }
        }
        return wrong;
    }

    private static int answer(String base, Row row, Persona persona, Fixture fixture) {
        Call call = row.call().apply(persona, fixture);
        JsonHttp client = new JsonHttp(base);
        String[] headers = new String[0];
        String partner = "BANK".equals(row.partner()) ? "BANK-" + fixture.bank
                : row.partner() != null ? row.partner() : "TAX-CHANNEL";
        switch (persona) {
            case ANONYMOUS -> { }
            case OWNER -> client = client.as(portal.token("owner-" + UUID.randomUUID(), List.of("CITIZEN"), null,
                    call.owner() != null ? call.owner() : fixture.mother));
            case OTHER_CITIZEN -> client = client.as(portal.token("other-" + UUID.randomUUID(), List.of("CITIZEN"),
                    null, OTHER_CITIZEN));
            case CLERK -> client = client.as(portal.token("clerk-" + UUID.randomUUID(), List.of("CLERK"), null, null,
                    Map.of("centre", "520102-ZWFW")));
            case HOSPITAL -> client = client.as(portal.token("hospital-" + UUID.randomUUID(), List.of("HOSPITAL"), null,
                    null, Map.of("hospital", "H520102001")));
            case SUPERVISOR -> client = client.as(portal.token("supervisor-" + UUID.randomUUID(), List.of("SUPERVISOR"),
                    null, null));
            case STAFF -> client = client.as(portal.token("staff-" + UUID.randomUUID(), List.of("STAFF"),
                    row.endpoint().contains("POLICE") ? "POLICE" : "HEALTH", null));
            case OTHER_STAFF -> client = client.as(portal.token("staff-" + UUID.randomUUID(), List.of("STAFF"),
                    row.endpoint().contains("POLICE") ? "HEALTH" : "POLICE", null));
            case ADMIN -> client = client.as(portal.token("admin-" + UUID.randomUUID(), List.of("DEPT_ADMIN"),
                    row.endpoint().contains("POLICE") ? "POLICE" : "HEALTH", null));
            case OPS -> client = client.as(portal.token("ops-" + UUID.randomUUID(), List.of("OPS"), null, null));
            case AUDITOR -> client = client.as(portal.token("auditor-" + UUID.randomUUID(), List.of("AUDITOR"),
                    null, null));
            case PARTNER, PARTNER_REPLAYED -> headers = PartnerCalls.signed(partner, call.body() == null ? ""
                    : call.body());
            case PARTNER_BAD_SIGNATURE -> {
                headers = PartnerCalls.signed(partner, call.body() == null ? "" : call.body());
                headers[headers.length - 1] = "0".repeat(64);
            }
        }
        if (persona == Persona.PARTNER_REPLAYED) {
            send(client, call, headers);
        }
        return send(client, call, headers).status();
    }

    private static JsonHttp.Response send(JsonHttp client, Call call, String[] headers) {
        return switch (call.method()) {
            case "GET" -> client.get(call.path(), headers);
            case "DELETE" -> client.delete(call.path(), headers);
            default -> client.postAs(call.path(), call.contentType(), call.body(), headers);
        };
    }

    /** Families, a review task and the partners' reports, for one pass over the matrix. */
    private static Fixture fixture() {
        Fixture fixture = new Fixture();
        ObjectNode form = portal.knownFamily();
        fixture.mother = form.get("mother").get("idNumber").asString();
        JsonHttp mother = portal.motherOf(form);
        fixture.application = id(mother.post("/api/v1/applications", form));

        ObjectNode incomplete = JsonHttp.newFamily();
        fixture.missingHousehold = incomplete.remove("household");
        fixture.needsSupplementMother = incomplete.get("mother").get("idNumber").asString();
        fixture.needsSupplement = id(portal.motherOf(incomplete).post("/api/v1/applications", incomplete));
        ObjectNode withdrawing = JsonHttp.newFamily();
        fixture.toWithdrawMother = withdrawing.get("mother").get("idNumber").asString();
        fixture.toWithdraw = id(portal.motherOf(withdrawing).post("/api/v1/applications", withdrawing));

        // A name with a character outside GB 2312 waits for health staff.
        ObjectNode rare = portal.knownFamily();
        ((ObjectNode) rare.get("newborn")).put("givenName", "𠮷安");
        UUID rareId = id(portal.motherOf(rare).post("/api/v1/applications", rare));
        JsonHttp healthStaff = portal.staff("HEALTH");
        await("health review task").atMost(Duration.ofSeconds(90)).until(() ->
                healthStaff.get("/api/v1/departments/HEALTH/tasks?size=100").json().get("items").valueStream()
                        .anyMatch(t -> t.get("applicationId").asString().equals(rareId.toString())));
        fixture.task = healthStaff.get("/api/v1/departments/HEALTH/tasks?size=100").json().get("items")
                .valueStream().filter(t -> t.get("applicationId").asString().equals(rareId.toString()))
                .findFirst().orElseThrow().get("id").asString();

        // A complaint about the service as a whole waits for health staff (the lead department) to answer.
        assertThat(mother.post("/api/v1/applications/" + fixture.application + "/complaints",
                "{\"text\":\"矩阵的投诉\"}").status()).isEqualTo(201);
        await("complaint task").atMost(Duration.ofSeconds(90)).until(() -> followUpTask(healthStaff, fixture) != null);
        fixture.followUpTask = followUpTask(healthStaff, fixture);

        await("application completed").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> "COMPLETED".equals(mother.get("/api/v1/applications/" + fixture.application).json()
                        .get("status").asString()));
        // The partners' reports as they came (paid, card made): repeating one changes nothing.
        String order = platform.query("insurance-service",
                "select order_id from payment_order where application_id = ? and state = 'PAID'",
                fixture.application).getFirst();
        String paidAt = platform.query("insurance-service",
                "select to_char(paid_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') from payment_order "
                        + "where order_id = ?", order).getFirst();
        fixture.paymentCallback = "{\"orderId\":\"" + order + "\",\"paymentReference\":\"TAX-" + order
                + "\",\"status\":\"PAID\",\"paidAt\":\"" + paidAt + "\"}";
        List<String> card = Stream.of("request_id", "bank_code", "card_number").map(column -> platform.query(
                "sscard-service", "select " + column + "::text from card_request where application_id = ? "
                        + "and state = 'MADE'", fixture.application).getFirst()).toList();
        fixture.bank = card.get(1);
        fixture.cardCallback = "{\"requestId\":\"" + card.get(0) + "\",\"status\":\"MADE\",\"cardNumber\":\""
                + card.get(2) + "\",\"reason\":null}";
        return fixture;
    }

    /** The open complaint task of the fixture's application in health's queue, or null while none. */
    private static String followUpTask(JsonHttp healthStaff, Fixture fixture) {
        return healthStaff.get("/api/v1/departments/HEALTH/tasks?size=100").json().get("items").valueStream()
                .filter(t -> "COMPLAINT".equals(t.get("kind").asString())
                        && t.get("applicationId").asString().equals(fixture.application.toString()))
                .map(t -> t.get("id").asString()).findFirst().orElse(null);
    }

    private static UUID id(JsonHttp.Response filed) {
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        return UUID.fromString(filed.json().get("id").asString());
    }

    /** The matrix as the README shows it. */
    static String render() {
        StringBuilder table = new StringBuilder("| endpoint | ")
                .append(Arrays.stream(Persona.values()).map(p -> p.title).collect(Collectors.joining(" | ")))
                .append(" |\n| --- |").append(" :-: |".repeat(Persona.values().length)).append('\n');
        for (Row row : ROWS) {
            table.append("| ").append(row.endpoint().replace("|", "\\|")).append(" | ")
                    .append(row.expected().stream().map(String::valueOf).collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        return table.toString();
    }
}
