package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application event streams' route: to notification-service, without a response timeout, with its own cap. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayEventStreamTest {

    private static final HttpServer NOTIFICATIONS = notifications();
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final int MAX_STREAMS = 2;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:" + NOTIFICATIONS.getAddress().getPort());
        // Nothing listens on port 9: a stream going to application-service would fail.
        registry.add("APPLICATION_SERVICE_URL", () -> "http://127.0.0.1:9");
        registry.add("GATEWAY_UPSTREAM_TIMEOUT", () -> "1s");
        registry.add("GATEWAY_MAX_STREAMS", () -> String.valueOf(MAX_STREAMS));
        registry.add("GATEWAY_STREAM_RETRY_AFTER", () -> "7s");
        registry.add("DEV_KEYS_DIR", () -> "target/dev-keys");
        registry.add("RATE_LIMIT_PER_SECOND", () -> "10000");
        registry.add("RATE_LIMIT_BURST", () -> "20000");
    }

    @AfterAll
    static void stopUpstream() {
        NEVER.countDown();
        NOTIFICATIONS.stop(0);
    }

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    @Test
    void shouldCarryAStreamToNotificationServiceForLongerThanTheUpstreamTimeout() {
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = open("/api/v1/applications/slow/events", citizen());

        List<String> lines;
        try (Stream<String> body = response.body()) {
            lines = body.toList();
        }

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        assertThat(lines).contains("id: 1", "id: 2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseStreamsBeyondTheCapWith503AndRetryAfterUntilOneCloses() {
        String token = citizen();
        List<HttpResponse<Stream<String>>> held = new ArrayList<>();
        for (int i = 0; i < MAX_STREAMS; i++) {
            held.add(await().atMost(Duration.ofSeconds(10)).until(() -> openOrClose("/api/v1/applications/held/events",
                    token), response -> response.statusCode() == 200));
        }

        HttpResponse<Stream<String>> refused = open("/api/v1/applications/held/events", token);
        String problem;
        try (Stream<String> body = refused.body()) {
            problem = String.join("\n", body.toList());
        }
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(problem).contains("\"status\":503");

        held.removeFirst().body().close();
        held.add(await().atMost(Duration.ofSeconds(10)).until(() -> openOrClose("/api/v1/applications/held/events",
                token), response -> response.statusCode() == 200));
        held.forEach(response -> response.body().close());
    }

    @Test
    void shouldRefuseAStreamWithoutATokenAndToStaff() {
        assertThat(open("/api/v1/applications/slow/events", null).statusCode()).isEqualTo(401);
        assertThat(open("/api/v1/applications/slow/events",
                GatewayTokens.of(client, "health-1", List.of("STAFF"), "HEALTH", null)).statusCode()).isEqualTo(403);
    }

    private String citizen() {
        return GatewayTokens.of(client, "citizen-1", List.of("CITIZEN"), null, "520102199403121220");
    }

    /** A stream that answered 200 stays open; any other answer is read and closed. */
    private HttpResponse<Stream<String>> openOrClose(String path, String token) {
        HttpResponse<Stream<String>> response = open(path, token);
        if (response.statusCode() == 200) {
            Iterator<String> lines = response.body().iterator();
            // The upstream's first line: the stream is through to notification-service.
            assertThat(lines.next()).isEqualTo(": held");
        } else {
            response.body().close();
        }
        return response;
    }

    private HttpResponse<Stream<String>> open(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stand-in notification-service: {@code slow} sends an event, waits two seconds (longer than
     * the upstream timeout) and sends the last; {@code held} stays open until the tests end.
     */
    private static HttpServer notifications() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", GatewayEventStreamTest::stream);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            if (exchange.getRequestURI().getPath().contains("/held/")) {
                write(body, ": held\n\n");
                NEVER.await(60, TimeUnit.SECONDS);
            } else {
                write(body, "id: 1\ndata: {}\n\n");
                NEVER.await(2, TimeUnit.SECONDS);
                write(body, "id: 2\ndata: {}\n\n");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
