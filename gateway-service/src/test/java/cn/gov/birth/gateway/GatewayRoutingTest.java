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
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of real HTTP stand-ins for application-service and hukou-service, and of
 * nothing for notifications.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
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

    @Test
    void shouldRouteApplicationsToApplicationServiceWithBodyAndCorrelationHeaders() {
        client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"region\":\"520000\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().exists("X-Request-Id");

        Seen seen = SEEN.get("POST /api/v1/applications");
        assertThat(seen.body()).isEqualTo("{\"region\":\"520000\"}");
        assertThat(seen.requestId()).isNotBlank();
        assertThat(seen.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void shouldPassAnUpstreamProblemThroughUnchanged() {
        client.get().uri("/api/v1/applications/bad")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("from upstream");
    }

    @Test
    void shouldAnswer503ProblemWhenTheUpstreamIsDown() {
        client.get().uri("/api/v1/notifications?applicationId=1")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.instance").isEqualTo("/api/v1/notifications");
    }

    @Test
    void shouldRouteEachDepartmentsQueueAndReferenceDataToItsService() {
        client.post().uri("/api/v1/departments/POLICE/tasks/1/decisions").contentType(MediaType.APPLICATION_JSON)
                .header("X-Staff-Id", "police-0042").bodyValue("{\"decision\":\"APPROVE\"}")
                .exchange();
        client.post().uri("/api/v1/departments/HEALTH/reference/hospitals").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("code,name,county,qualified\n").exchange();
        client.get().uri("/api/v1/departments/CDC/tasks").exchange();
        client.get().uri("/api/v1/departments/MEDICAL_INSURANCE/tasks").exchange();
        client.get().uri("/api/v1/departments/HUMAN_RESOURCES/reference").exchange();
        client.get().uri("/api/v1/departments/TAXATION/tasks").exchange();

        assertThat(SEEN).containsKey("hukou POST /api/v1/departments/POLICE/tasks/1/decisions")
                .containsKey("birth-cert POST /api/v1/departments/HEALTH/reference/hospitals")
                .containsKey("vaccination GET /api/v1/departments/CDC/tasks")
                .containsKey("insurance GET /api/v1/departments/MEDICAL_INSURANCE/tasks")
                .containsKey("sscard GET /api/v1/departments/HUMAN_RESOURCES/reference")
                .containsKey("GET /api/v1/departments/TAXATION/tasks");
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
        client.get().uri("/api/v1/applications/slow")
                .exchange()
                .expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413Problem() {
        client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .header("Content-Length", "4096")
                .bodyValue("{\"x\":\"" + "a".repeat(4000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownPath() {
        client.get().uri("/api/v1/unknown")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldExposeCircuitBreakerStateInMetrics() {
        client.get().uri("/api/v1/notifications?applicationId=1").exchange().expectStatus().isEqualTo(503);

        client.get().uri("/actuator/metrics/resilience4j.circuitbreaker.state")
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
                exchange.getRequestHeaders().getFirst("X-Request-Id"), exchange.getRequestHeaders().getFirst("traceparent")));
        switch (path) {
            case "/api/v1/applications/bad" -> respond(exchange, 400, "application/problem+json",
                    "{\"title\":\"from upstream\",\"status\":400}");
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

    private record Seen(String body, String requestId, String traceparent) {
    }
}
