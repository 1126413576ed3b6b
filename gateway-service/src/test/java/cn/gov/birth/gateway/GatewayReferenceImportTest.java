package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A department's reference-data import through the gateway: routed to its department's service with a time
 * limit of its own, far longer than the ordinary one, and streamed through however large it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayReferenceImportTest {

    private static final long MB = 1024 * 1024;
    /** A province's million rows, larger than the gateway's heap (-Xmx256m in run-platform.sh). */
    private static final long BIG = 300 * MB;
    private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, HttpServer> SERVICES = Map.of(
            "HUKOU", stub("hukou "), "BIRTH_CERT", stub("birth-cert "), "VACCINATION", stub("vaccination "),
            "INSURANCE", stub("insurance "), "SSCARD", stub("sscard "));
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    /** Bytes of the big import the service has read so far, and the moment it has read a third. */
    private static final AtomicLong ARRIVING = new AtomicLong();
    private static volatile CountDownLatch thirdRead = new CountDownLatch(1);

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        SERVICES.forEach((service, server) -> registry.add(service + "_SERVICE_URL",
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
        registry.add("GATEWAY_UPSTREAM_TIMEOUT", () -> "1s");
        registry.add("REFERENCE_IMPORT_TIMEOUT", () -> "30s");
        registry.add("REFERENCE_IMPORT_MAX_BODY", () -> "512MB");
        registry.add("DEV_KEYS_DIR", () -> "target/dev-keys");
        registry.add("RATE_LIMIT_PER_SECOND", () -> "10000");
        registry.add("RATE_LIMIT_BURST", () -> "20000");
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        SERVICES.values().forEach(server -> server.stop(0));
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    private String admin(String department) {
        return GatewayTokens.of(client, department.toLowerCase() + "-admin", List.of("DEPT_ADMIN"), department, null);
    }

    @Test
    void shouldRouteEachDepartmentsImportToItsService() {
        for (String department : List.of("POLICE", "HEALTH", "CDC", "MEDICAL_INSURANCE", "HUMAN_RESOURCES")) {
            client.post().uri("/api/v1/departments/" + department + "/reference/rows")
                    .headers(h -> h.setBearerAuth(admin(department))).contentType(MediaType.TEXT_PLAIN)
                    .bodyValue("code,name\n").exchange().expectStatus().isAccepted();
        }

        assertThat(SEEN).containsKeys("hukou POST /api/v1/departments/POLICE/reference/rows",
                "birth-cert POST /api/v1/departments/HEALTH/reference/rows",
                "vaccination POST /api/v1/departments/CDC/reference/rows",
                "insurance POST /api/v1/departments/MEDICAL_INSURANCE/reference/rows",
                "sscard POST /api/v1/departments/HUMAN_RESOURCES/reference/rows");
    }

    @Test
    void shouldWaitForAnImportsAnswerLongerThanTheUpstreamTimeoutThatCutsAnOrdinaryCall() {
        String admin = admin("POLICE");

        client.post().uri("/api/v1/departments/POLICE/reference/slow").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.TEXT_PLAIN).bodyValue("county,code,name,address\n")
                .exchange().expectStatus().isAccepted();
        client.get().uri("/api/v1/departments/POLICE/reference/imports/slow").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isEqualTo(504)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldShowAnImportsStateToItsOwnDepartmentsAdministratorsOnly() {
        String police = admin("POLICE");
        client.get().uri("/api/v1/departments/POLICE/reference/imports").headers(h -> h.setBearerAuth(admin("CDC")))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/departments/POLICE/reference/imports/42")
                .headers(h -> h.setBearerAuth(GatewayTokens.of(client, "police-1", List.of("STAFF"), "POLICE", null)))
                .exchange().expectStatus().isForbidden();
        assertThat(SEEN).doesNotContainKeys("hukou GET /api/v1/departments/POLICE/reference/imports",
                "hukou GET /api/v1/departments/POLICE/reference/imports/42");

        client.get().uri("/api/v1/departments/POLICE/reference/imports").headers(h -> h.setBearerAuth(police))
                .exchange().expectStatus().isAccepted();
        client.get().uri("/api/v1/departments/POLICE/reference/imports/42").headers(h -> h.setBearerAuth(police))
                .exchange().expectStatus().isAccepted();

        assertThat(SEEN).containsKeys("hukou GET /api/v1/departments/POLICE/reference/imports",
                "hukou GET /api/v1/departments/POLICE/reference/imports/42");
    }

    @Test
    void shouldStreamA300MegabyteImportThroughChunkedAndWithItsLength() throws Exception {
        String admin = admin("HEALTH");
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (boolean withLength : List.of(false, true)) {
                String path = "/api/v1/departments/HEALTH/reference/big-" + (withLength ? "length" : "chunked");
                ARRIVING.set(0);
                thirdRead = new CountDownLatch(1);
                HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofInputStream(StreamedRows::new);
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(2))
                        .POST(withLength ? HttpRequest.BodyPublishers.fromPublisher(body, BIG) : body)
                        .build(), HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).isEqualTo(202);
                assertThat(SEEN.get("birth-cert POST " + path)).isEqualTo(BIG);
            }
        }
    }

    /**
     * {@link #BIG} bytes of rows that, two thirds of the way, wait until the service has read a third: a
     * gateway that gathered the body before forwarding it would never let that third through.
     */
    private static final class StreamedRows extends InputStream {

        private static final byte[] ROWS = "H520102001,某某医院,520102,true\n".repeat(2000)
                .getBytes(StandardCharsets.UTF_8);
        private long sent;

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in blocks");
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (sent >= BIG) {
                return -1;
            }
            if (sent >= 2 * BIG / 3) {
                awaitServiceReading();
            }
            int n = (int) Math.min(Math.min(length, ROWS.length), BIG - sent);
            System.arraycopy(ROWS, 0, into, offset, n);
            sent += n;
            return n;
        }

        private static void awaitServiceReading() throws IOException {
            try {
                if (!thirdRead.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("the service had read " + ARRIVING.get()
                            + " bytes: the gateway held the body");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** A stand-in department service that reads a body as it streams, counting it, and answers 202. */
    private static HttpServer stub(String name) {
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
        long bytes = 0;
        byte[] block = new byte[64 * 1024];
        try (InputStream body = exchange.getRequestBody()) {
            for (int n; (n = body.read(block)) > 0; ) {
                bytes += n;
                if (ARRIVING.addAndGet(n) >= BIG / 3) {
                    thirdRead.countDown();
                }
            }
        }
        SEEN.put(name + exchange.getRequestMethod() + " " + path, bytes);
        if (path.endsWith("/slow")) {
            try {
                // Longer than GATEWAY_UPSTREAM_TIMEOUT (1s), far within REFERENCE_IMPORT_TIMEOUT (30s).
                NEVER.await(2500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] answer = "{\"id\":\"42\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(202, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }
}
