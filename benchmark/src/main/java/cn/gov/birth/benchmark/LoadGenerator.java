package cn.gov.birth.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits the families of a generated data set through the gateway, as many at once as asked,
 * and follows each application to its final state. Prints the submission latency (POST to 201),
 * the time to a final state (POST to COMPLETED or another final status, observed by polling) as
 * percentiles, and the throughput.
 *
 * <p>{@code java -jar benchmark-exec.jar [--gateway URL] [--data DIR] [--concurrency N] [--limit N]
 * [--skip N] [--timeout SECONDS]}: the platform must run with the same data set
 * ({@code REFERENCE_DATA_DIR=DIR}), so that the departments know every family; each family can be
 * submitted once per data set (a second open application for the same newborn is a 409).
 * Every family's mother signs in before the timed run (a token from the dev profile's
 * {@code POST /api/v1/dev/tokens}), so each family is its own subject for the gateway's per-person
 * rate limit, as in life, and signing in is not part of what is measured.
 */
public final class LoadGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINAL = Set.of("COMPLETED", "PARTIALLY_COMPLETED", "NOT_ACCEPTED", "WITHDRAWN",
            "ACTION_REQUIRED", "NEEDS_SUPPLEMENT");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;

    private LoadGenerator(URI gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--gateway", "http://127.0.0.1:8080",
                "--data", ".run/reference-data", "--concurrency", "8", "--limit", "1000000", "--skip", "1",
                "--timeout", "300"));
        List<Path> forms;
        try (Stream<Path> files = Files.list(Path.of(options.get("--data")).resolve("applications"))) {
            // By family number: past family-99999.json the names are wider (family-100000.json).
            forms = files.filter(f -> f.toString().endsWith(".json"))
                    .sorted(Comparator.comparingInt((Path f) -> f.getFileName().toString().length())
                            .thenComparing(f -> f.getFileName().toString()))
                    .skip(Long.parseLong(options.get("--skip"))).limit(Long.parseLong(options.get("--limit")))
                    .toList();
        }
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("no family forms in " + options.get("--data") + "/applications "
                    + "(after --skip " + options.get("--skip") + "): generate more with scripts/generate-data.sh");
        }
        new LoadGenerator(URI.create(options.get("--gateway"))).run(forms,
                Integer.parseInt(options.get("--concurrency")),
                Duration.ofSeconds(Long.parseLong(options.get("--timeout"))));
    }

    private void run(List<Path> forms, int concurrency, Duration timeout) throws InterruptedException {
        Map<Path, String> tokens = signIn(forms, concurrency);
        Percentiles submit = new Percentiles();
        Percentiles done = new Percentiles();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        long started = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path form : forms) {
                inFlight.acquire();
                workers.submit(() -> {
                    try {
                        outcomes.computeIfAbsent(follow(form, tokens.get(form), submit, done, timeout), k -> new AtomicInteger())
                                .incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("applications: %d in %.1f s, concurrency %d%n", forms.size(), seconds, concurrency);
        System.out.printf("outcomes: %s%n", outcomes);
        System.out.printf("submit (POST -> 201):        %s%n", submit.summary());
        System.out.printf("final state (POST -> final): %s%n", done.summary());
        System.out.printf("throughput: %.2f applications/s to a final state%n", done.count() / seconds);
    }

    /** Every family's mother signs in, as many at once as the run's concurrency. */
    private Map<Path, String> signIn(List<Path> forms, int concurrency) throws InterruptedException {
        Map<Path, String> tokens = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path form : forms) {
                inFlight.acquire();
                workers.submit(() -> {
                    try {
                        String token = signIn(form.getFileName().toString(), JSON.readTree(Files.readString(form))
                                .get("mother").get("idNumber").asString());
                        if (token != null) {
                            tokens.put(form, token);
                        }
                    } catch (IOException e) {
                        // Counted as NO_TOKEN when the family is followed.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return tokens;
    }

    /** The family's mother signs in: a citizen token with her ID number; null when the gateway gives none. */
    private String signIn(String family, String motherIdNumber) throws IOException, InterruptedException {
        String request = JSON.writeValueAsString(Map.of("subject", "bench-" + family.replace(".json", ""),
                "roles", List.of("CITIZEN"), "idNumber", motherIdNumber));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/dev/tokens"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? JSON.readTree(answer.body()).get("accessToken").asString() : null;
    }

    /** Submits one form and polls it to a final state; returns the outcome (a status, or what went wrong). */
    private String follow(Path form, String token, Percentiles submit, Percentiles done, Duration timeout) {
        try {
            String body = Files.readString(form);
            if (token == null) {
                return "NO_TOKEN";
            }
            String bearer = "Bearer " + token;
            long t0 = System.nanoTime();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/applications"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                return "HTTP " + created.statusCode();
            }
            submit.add(Duration.ofNanos(System.nanoTime() - t0));
            String id = JSON.readTree(created.body()).get("id").asString();
            long deadline = t0 + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode application = JSON.readTree(http.send(
                        HttpRequest.newBuilder(gateway.resolve("/api/v1/applications/" + id))
                                .header("Authorization", bearer).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String status = application.path("status").asString("");
                if (FINAL.contains(status)) {
                    done.add(Duration.ofNanos(System.nanoTime() - t0));
                    return status;
                }
                Thread.sleep(100); // polling interval of the follower, not a wait for an outcome in a test
            }
            return "TIMED_OUT";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "INTERRUPTED";
        }
    }
}
