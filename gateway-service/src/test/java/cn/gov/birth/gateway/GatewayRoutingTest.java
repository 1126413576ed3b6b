package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of real HTTP stand-ins for application-service and hukou-service, and of
 * nothing for notifications.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayRoutingTest {

    private static final HttpServer UPSTREAM = upstream("");
    private static final HttpServer HUKOU = upstream("hukou ");
    private static final HttpServer BIRTH_CERT = upstream("birth-cert ");
    private static final HttpServer VACCINATION = upstream("vaccination ");
    private static final HttpServer INSURANCE = upstream("insurance ");
    private static final HttpServer SSCARD = upstream("sscard ");
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    /** More calls at once than Resilience4j's default bulkhead (25) lets through. */
    private static final int CONCURRENT = 40;
    private static final CountDownLatch ALL_ARRIVED = new CountDownLatch(CONCURRENT);

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("APPLICATION_SERVICE_URL", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort());
        // Nothing listens on port 9 (discard): the notification route's upstream is down.
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:9");
        registry.add("HUKOU_SERVICE_URL", () -> "http://127.0.0.1:" + HUKOU.getAddress().getPort());
        registry.add("BIRTH_CERT_SERVICE_URL", () -> "http://127.0.0.1:" + BIRTH_CERT.getAddress().getPort());
        registry.add("VACCINATION_SERVICE_URL", () -> "http://127.0.0.1:" + VACCINATION.getAddress().getPort());
        registry.add("INSURANCE_SERVICE_URL", () -> "http://127.0.0.1:" + INSURANCE.getAddress().getPort());
        registry.add("SSCARD_SERVICE_URL", () -> "http://127.0.0.1:" + SSCARD.getAddress().getPort());
        registry.add("GATEWAY_UPSTREAM_TIMEOUT", () -> "1s");
        registry.add("GATEWAY_MAX_BODY", () -> "1KB");
        registry.add("REFERENCE_IMPORT_MAX_BODY", () -> "4KB");
        registry.add("DEV_KEYS_DIR", () -> "target/dev-keys");
        // Limits far above what these tests send (GatewayRateLimitTest tries the limits themselves).
        registry.add("RATE_LIMIT_PER_SECOND", () -> "10000");
        registry.add("RATE_LIMIT_BURST", () -> "20000");
    }

    @AfterAll
    static void stopUpstream() {
        NEVER.countDown();
        UPSTREAM.stop(0);
        HUKOU.stop(0);
        BIRTH_CERT.stop(0);
        VACCINATION.stop(0);
        INSURANCE.stop(0);
        SSCARD.stop(0);
    }

    @Autowired
    WebTestClient client;

    private String token(String subject, String role, String department) {
        return GatewayTokens.of(client, subject, List.of(role), department, null);
    }

    private String citizen() {
        return GatewayTokens.of(client, "citizen-1", List.of("CITIZEN"), null, "520102199403121220");
    }

    @Test
    void shouldRouteApplicationsToApplicationServiceWithBodyAndCorrelationHeaders() {
        String token = citizen();
        client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token))
                .bodyValue("{\"region\":\"520000\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().exists("X-Request-Id");

        Seen seen = SEEN.get("POST /api/v1/applications");
        assertThat(seen.body()).isEqualTo("{\"region\":\"520000\"}");
        // The services check the same token themselves.
        assertThat(seen.authorization()).isEqualTo("Bearer " + token);
        assertThat(seen.requestId()).isNotBlank();
        assertThat(seen.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void shouldPassAnUpstreamProblemThroughUnchanged() {
        client.get().uri("/api/v1/applications/bad").headers(h -> h.setBearerAuth(citizen()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("from upstream");
    }

    @Test
    void shouldCarryAPollingPortalsETagBothWaysAndAnswerPreflightsOfTheAllowedOriginOnly() {
        client.get().uri("/api/v1/applications/held").headers(h -> h.setBearerAuth(citizen()))
                .header(HttpHeaders.IF_NONE_MATCH, "W/\"v3\"")
                .exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "W/\"v3\"")
                .expectBody().isEmpty();
        client.get().uri("/api/v1/applications/held").headers(h -> h.setBearerAuth(citizen()))
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, "W/\"v3\"")
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("ETag", "Retry-After"));
        client.options().uri("/api/v1/applications/held")
                .header(HttpHeaders.ORIGIN, "http://localhost:3000")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,if-none-match")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowed -> assertThat(allowed.toLowerCase()).contains("if-none-match"));
        client.options().uri("/api/v1/applications/held")
                .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void shouldAnswer503ProblemWithRetryAfterWhenTheUpstreamIsDown() {
        client.get().uri("/api/v1/notifications?applicationId=1").headers(h -> h.setBearerAuth(citizen()))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isPositive())
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.instance").isEqualTo("/api/v1/notifications");
    }

    @Test
    void shouldRouteEachDepartmentsQueueReferenceDataAndPartnersToItsService() {
        client.post().uri("/api/v1/departments/POLICE/tasks/1/decisions").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(token("police-0042", "STAFF", "POLICE")))
                .header("X-Staff-Id", "someone-else").bodyValue("{\"decision\":\"APPROVE\"}")
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/v1/departments/HEALTH/reference/hospitals").contentType(MediaType.TEXT_PLAIN)
                .headers(h -> h.setBearerAuth(token("health-admin", "DEPT_ADMIN", "HEALTH")))
                .bodyValue("code,name,county,qualified\n").exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/departments/CDC/tasks").headers(h -> h.setBearerAuth(token("cdc-1", "STAFF", "CDC")))
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/departments/MEDICAL_INSURANCE/tasks")
                .headers(h -> h.setBearerAuth(token("mi-1", "STAFF", "MEDICAL_INSURANCE")))
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/departments/HUMAN_RESOURCES/reference")
                .headers(h -> h.setBearerAuth(token("hr-admin", "DEPT_ADMIN", "HUMAN_RESOURCES")))
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/v1/payment-callbacks").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        client.post().uri("/api/v1/card-callbacks").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();

        assertThat(SEEN).containsKey("hukou POST /api/v1/departments/POLICE/tasks/1/decisions")
                .containsKey("birth-cert POST /api/v1/departments/HEALTH/reference/hospitals")
                .containsKey("vaccination GET /api/v1/departments/CDC/tasks")
                .containsKey("insurance GET /api/v1/departments/MEDICAL_INSURANCE/tasks")
                .containsKey("sscard GET /api/v1/departments/HUMAN_RESOURCES/reference")
                .containsKey("insurance POST /api/v1/payment-callbacks")
                .containsKey("sscard POST /api/v1/card-callbacks");
        // Who decides is the token's subject: a header a client sets never reaches a service.
        assertThat(SEEN.get("hukou POST /api/v1/departments/POLICE/tasks/1/decisions").staffHeader()).isNull();
    }

    @Test
    void shouldRouteTheAuditTrailToApplicationServiceForAuditorsOnly() {
        client.get().uri("/api/v1/audit?applicationId=1").headers(h -> h.setBearerAuth(citizen()))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/audit").headers(h -> h.setBearerAuth(token("ops-1", "OPS", null)))
                .exchange().expectStatus().isForbidden();
        assertThat(SEEN).doesNotContainKey("GET /api/v1/audit");

        client.get().uri("/api/v1/audit?applicationId=1")
                .headers(h -> h.setBearerAuth(token("auditor-1", "AUDITOR", null)))
                .exchange().expectStatus().isCreated();

        assertThat(SEEN).containsKey("GET /api/v1/audit");
    }

    @Test
    void shouldRouteEvaluationsFromTheFamilyAndTheirStatisticsForStaffSupervisorsAndOpsToApplicationService() {
        String evaluations = "/api/v1/applications/" + UUID.randomUUID() + "/evaluations";
        client.post().uri(evaluations).headers(h -> h.setBearerAuth(token("clerk-1", "CLERK", null)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\": 5}")
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/statistics/evaluations").headers(h -> h.setBearerAuth(citizen()))
                .exchange().expectStatus().isForbidden();
        assertThat(SEEN).doesNotContainKey("POST " + evaluations).doesNotContainKey("GET /api/v1/statistics/evaluations");

        client.post().uri(evaluations).headers(h -> h.setBearerAuth(citizen()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"score\": 5}")
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/statistics/evaluations?department=CDC")
                .headers(h -> h.setBearerAuth(token("staff-1", "STAFF", "CDC")))
                .exchange().expectStatus().isCreated();

        assertThat(SEEN).containsKey("POST " + evaluations).containsKey("GET /api/v1/statistics/evaluations");
    }

    @Test
    void shouldRouteSupervisionAndTheDevClockToApplicationServiceForTheirRolesOnly() {
        client.post().uri("/api/v1/dev/clock").headers(h -> h.setBearerAuth(token("supervisor-1", "SUPERVISOR", null)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"advance\": \"P1D\"}")
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/ops/deadlines?overdue=true").headers(h -> h.setBearerAuth(citizen()))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/departments/CDC/overdue-items")
                .headers(h -> h.setBearerAuth(token("police-1", "STAFF", "POLICE")))
                .exchange().expectStatus().isForbidden();
        assertThat(SEEN).doesNotContainKey("POST /api/v1/dev/clock").doesNotContainKey("GET /api/v1/ops/deadlines")
                .doesNotContainKey("vaccination GET /api/v1/departments/CDC/overdue-items");

        client.post().uri("/api/v1/dev/clock").headers(h -> h.setBearerAuth(token("ops-1", "OPS", null)))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"advance\": \"P1D\"}")
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/ops/deadlines?overdue=true")
                .headers(h -> h.setBearerAuth(token("supervisor-1", "SUPERVISOR", null)))
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/statistics/applications?groupBy=department")
                .headers(h -> h.setBearerAuth(token("staff-1", "STAFF", "CDC")))
                .exchange().expectStatus().isCreated();
        client.get().uri("/api/v1/departments/CDC/overdue-items")
                .headers(h -> h.setBearerAuth(token("cdc-1", "STAFF", "CDC")))
                .exchange().expectStatus().isCreated();

        assertThat(SEEN).containsKey("POST /api/v1/dev/clock").containsKey("GET /api/v1/ops/deadlines")
                .containsKey("GET /api/v1/statistics/applications")
                .containsKey("vaccination GET /api/v1/departments/CDC/overdue-items");
    }

    @Test
    void shouldLetManyConcurrentCallsThroughToOneUpstream() throws Exception {
        List<Integer> statuses;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                calls.add(callers.submit(() -> client.get().uri("/api/v1/guides/busy").exchange()
                        .returnResult(String.class).getStatus().value()));
            }
            statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get());
            }
        }

        assertThat(statuses).hasSize(CONCURRENT).containsOnly(200);
    }

    @Test
    void shouldAnswer504ProblemWhenTheUpstreamIsTooSlow() {
        client.get().uri("/api/v1/applications/slow").headers(h -> h.setBearerAuth(citizen()))
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413Problem() {
        client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .headers(h -> h.setBearerAuth(citizen()))
                .header("Content-Length", "4096")
                .bodyValue("{\"x\":\"" + "a".repeat(4000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRefuseAnUnknownPathAsNotGranted() {
        client.get().uri("/api/v1/unknown").headers(h -> h.setBearerAuth(citizen()))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/v1/unknown")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldExposeCircuitBreakerStateInMetricsToOps() {
        client.get().uri("/api/v1/notifications?applicationId=1").headers(h -> h.setBearerAuth(citizen()))
                .exchange().expectStatus().isEqualTo(503);

        client.get().uri("/actuator/metrics/resilience4j.circuitbreaker.state")
                .headers(h -> h.setBearerAuth(token("ops-1", "OPS", null)))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.availableTags[?(@.tag == 'name')].values[*]")
                .value(names -> assertThat(names.toString()).contains("notification-service"));
    }

    /** A stand-in upstream; what it sees is recorded under its name and the request line. */
    private static HttpServer upstream(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> answer(name, exchange));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        SEEN.put(name + exchange.getRequestMethod() + " " + path, new Seen(body,
                exchange.getRequestHeaders().getFirst("X-Request-Id"), exchange.getRequestHeaders().getFirst("traceparent"),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("X-Staff-Id"),
                exchange.getRequestHeaders().getFirst("Content-Length")));
        switch (path) {
            case "/api/v1/applications/bad" -> respond(exchange, 400, "application/problem+json",
                    "{\"title\":\"from upstream\",\"status\":400}");
            case "/api/v1/applications/held" -> {
                exchange.getResponseHeaders().set("ETag", "W/\"v3\"");
                if ("W/\"v3\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                } else {
                    respond(exchange, 200, "application/json", "{\"version\":3}");
                }
            }
            case "/api/v1/guides/busy" -> {
                // Answers only once every concurrent call has reached the upstream.
                ALL_ARRIVED.countDown();
                try {
                    ALL_ARRIVED.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "application/json", "{}");
            }
            case "/api/v1/applications/slow" -> {
                try {
                    NEVER.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 200, "application/json", "{}");
            }
            default -> respond(exchange, 201, "application/json", "{\"id\":\"x\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    record Seen(String body, String requestId, String traceparent, String authorization, String staffHeader,
                String contentLength) {
    }
}
