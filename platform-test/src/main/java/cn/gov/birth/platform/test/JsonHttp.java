package cn.gov.birth.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A small JSON-over-HTTP client for tests that talk to the services as the portal does. */
public final class JsonHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    public JsonHttp(String baseUrl) {
        this(baseUrl, null);
    }

    private JsonHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same client, sending {@code Authorization: Bearer <token>} with every request. */
    public JsonHttp as(String accessToken) {
        return new JsonHttp(baseUrl, accessToken);
    }

    public Response post(String path, String body, String... headers) {
        return postAs(path, "application/json", body, headers);
    }

    /** A body of another media type, such as {@code text/csv}. */
    public Response postAs(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Response post(String path, JsonNode body, String... headers) {
        return post(path, JSON.writeValueAsString(body), headers);
    }

    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Response delete(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .DELETE();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The valid sample application (a Guizhou family asking for all seven items), ready to modify. */
    public static ObjectNode sampleApplication() {
        try (InputStream in = JsonHttp.class.getResourceAsStream("/fixtures/sample-application.json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger FAMILIES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The sample application for a new family each call (another mother, a girl born two days ago
     * at another minute), so that tests never submit a second open application for the same
     * newborn and stay within every region's registration period whenever they run.
     */
    public static ObjectNode newFamily() {
        int n = FAMILIES.incrementAndGet();
        ObjectNode form = sampleApplication();
        String motherId = cn.gov.birth.contracts.codes.ResidentIdNumber.of("520102",
                java.time.LocalDate.of(1994, 3, 12).plusDays(n / 499), 2 * (n % 499) + 2);
        ((ObjectNode) form.get("mother")).put("idNumber", motherId);
        java.time.OffsetDateTime twoDaysAgo = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8))
                .minusDays(2).withHour(8).withMinute(0).withSecond(0).withNano(0).plusMinutes(n % 600);
        ((ObjectNode) form.get("newborn")).put("birthTime", twoDaysAgo.toString());
        return form;
    }

    public record Response(int status, String body, String contentType, String location, String retryAfter,
                           String etag) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
