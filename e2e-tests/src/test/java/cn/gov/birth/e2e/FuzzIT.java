package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.test.JsonHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutated request bodies and mutated CSV imports, sent through the gateway as citizens and
 * department administrators send them ({@link Mutator}): whatever arrives, no answer is a 5xx.
 * Seeded and sized by system properties: {@code fuzz.seed} (random, printed), {@code fuzz.bodies}
 * and {@code fuzz.csvs} (2,000 each; scripts/fuzz.sh sends 10,000 of each). Each person signs in
 * for {@value #PER_PERSON} requests, well within the gateway's burst per person, so that the
 * bodies reach the services rather than the rate limit.
 */
class FuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
    private static final int BODIES = Integer.getInteger("fuzz.bodies", 2_000);
    private static final int CSVS = Integer.getInteger("fuzz.csvs", 2_000);
    private static final int PER_PERSON = 20;
    /** Mutants of one family's form: the first acceptable one is filed, later ones are its second application. */
    private static final int PER_FAMILY = 100;
    private static final int SENDERS = 4;
    /** The gateway's limit for a body (GATEWAY_MAX_BODY): a larger one may be cut off unanswered. */
    private static final int MAX_BODY = 256 * 1024;
    private static final String APPLICATIONS = "/api/v1/applications";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
        System.out.printf("FuzzIT: seed %d, %d bodies, %d CSV files (again: -Dfuzz.seed=%d)%n", SEED, BODIES, CSVS,
                SEED);
    }

    /** One import dataset of a department, and a valid file for it. */
    record Dataset(String department, String name, String csv) {

        String path() {
            return "/api/v1/departments/" + department + "/reference/" + name;
        }
    }

    @Test
    void shouldAnswerNoMutatedApplicationWithA5xx() throws Exception {
        List<ObjectNode> families = IntStream.range(0, (BODIES + PER_FAMILY - 1) / PER_FAMILY)
                .mapToObj(n -> JsonHttp.newFamily()).toList();
        ObjectNode withNul = families.getFirst().deepCopy();
        ((ObjectNode) withNul.get("mother")).put("name", "王\u0000芳");
        var refused = portal.motherOf(withNul).post(APPLICATIONS, withNul);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("mother.name");
        assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("CONTROL_CHARACTER");

        Map<Integer, String> tokens = new ConcurrentHashMap<>();
        Tally tally = send(BODIES, i -> {
            ObjectNode family = families.get(i / PER_FAMILY);
            String token = tokens.computeIfAbsent(i / PER_PERSON, person -> portal.token("fuzz-citizen-" + SEED + "-"
                    + person, List.of("CITIZEN"), null, family.get("mother").get("idNumber").asString()));
            Mutator.Mutant mutant = new Mutator(random(1, i)).json(family);
            return new Sent(i, mutant, request(APPLICATIONS, token, mutant));
        });

        tally.verify("application bodies");
    }

    @Test
    void shouldAnswerNoMutatedReferenceImportWithA5xx() throws Exception {
        List<Dataset> datasets = datasets();
        for (Dataset dataset : datasets) {
            var answer = portal.admin(dataset.department()).postAs(dataset.path(), "text/csv", dataset.csv());
            assertThat(answer.status()).as(dataset.name() + ": " + answer.body()).isEqualTo(200);
        }

        Map<Integer, String> tokens = new ConcurrentHashMap<>();
        // Each department imports one file at a time (more would queue, and past its queue be a 503): one sender each.
        Tally tally = send(CSVS, i -> {
            Dataset dataset = datasets.get(i % datasets.size());
            String token = tokens.computeIfAbsent(i / (PER_PERSON * datasets.size()) * datasets.size()
                    + i % datasets.size(), person -> portal.token("fuzz-admin-" + SEED + "-" + person,
                    List.of("DEPT_ADMIN"), dataset.department(), null));
            Mutator.Mutant mutant = new Mutator(random(2, i)).csv(dataset.csv());
            Sent sent = new Sent(i, mutant, request(dataset.path(), token, mutant));
            return sent.answer().statusCode() == 202 ? followed(sent, token) : sent;
        }, datasets.size());

        tally.verify("CSV imports");
    }

    /** A file answered 202 is followed to its end before the department gets another: a failed import is a 500. */
    private static Sent followed(Sent sent, String token) {
        String location = sent.answer().location();
        JsonNode finished = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var state = portal.anonymous().as(token).get(location);
            return state.status() == 200 ? state.json() : null;
        }, state -> state != null && !List.of("QUEUED", "RUNNING").contains(state.get("state").asString()));
        return finished.get("state").asString().equals("FAILED")
                ? new Sent(sent.index(), sent.mutant(), new Answer(500, "import " + finished, location))
                : sent;
    }

    /** Valid files of four departments, of people no other test uses (born in the 1950s). */
    private static List<Dataset> datasets() {
        List<String> mothers = IntStream.range(0, 3).mapToObj(n -> ResidentIdNumber.of("520102",
                LocalDate.of(1950, 1, 1).plusDays(Math.floorMod(SEED, 3000) + n), 2 * n + 2)).toList();
        OffsetDateTime born = OffsetDateTime.of(2026, 1, 10, 8, 30, 0, 0, ZoneOffset.ofHours(8));
        StringBuilder register = new StringBuilder(
                "idNumber,name,householdDivision,householdNumber,headIdNumber,relationToHead,ethnicity,status\n");
        StringBuilder insured = new StringBuilder("idNumber,name,insuredDivision,scheme,status\n");
        StringBuilder doses = new StringBuilder(
                "hospitalCode,motherIdNumber,birthTime,vaccine,status,dosedAt,batchNumber\n");
        StringBuilder deliveries = new StringBuilder(
                "recordNumber,hospitalCode,motherIdNumber,birthTime,sex,dischargedAt,certificateNumber\n");
        for (int n = 0; n < mothers.size(); n++) {
            String mother = mothers.get(n);
            register.append("%s,测试%d,520102,FZ%06d,%s,02,01,ACTIVE\n".formatted(mother, n, n, mother));
            insured.append("%s,测试%d,520102,RESIDENT,ACTIVE\n".formatted(mother, n));
            doses.append("H520102001,%s,%s,HEPB,GIVEN,%s,HB-FUZZ\n".formatted(mother, born, born.plusHours(2)));
            deliveries.append("FUZZ-%s,H520102001,%s,%s,2,%s,\n".formatted(mother, mother, born, born.plusDays(3)));
        }
        return List.of(new Dataset("POLICE", "population-register", register.toString()),
                new Dataset("MEDICAL_INSURANCE", "insured-persons", insured.toString()),
                new Dataset("CDC", "first-doses", doses.toString()),
                new Dataset("HEALTH", "delivery-records", deliveries.toString()));
    }

    private static Random random(int test, int index) {
        return new Random(SEED ^ (0x9E3779B97F4A7C15L * (test * 1_000_003L + index)));
    }

    private static HttpRequest request(String path, String token, Mutator.Mutant mutant) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mutant.body()));
        if (mutant.contentType() != null) {
            request.header("Content-Type", mutant.contentType());
        }
        return request.build();
    }

    /** The status, body and {@code Location} of an answer; status -1 when there was none (the connection failed). */
    record Answer(int statusCode, String body, String location) {
    }

    record Sent(int index, Mutator.Mutant mutant, Answer answer) {

        Sent(int index, Mutator.Mutant mutant, HttpRequest request) {
            this(index, mutant, answer(request));
        }

        private static Answer answer(HttpRequest request) {
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Location").orElse(null));
            } catch (IOException e) {
                return new Answer(-1, e.toString(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Tally send(int count, IntFunction<Sent> each) throws Exception {
        return send(count, each, SENDERS);
    }

    /** Sends {@code count} mutants, {@code senders} at a time, each sender taking every {@code senders}-th. */
    private static Tally send(int count, IntFunction<Sent> each, int senders) throws Exception {
        Tally tally = new Tally(System.nanoTime());
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            List<Future<?>> running = new ArrayList<>();
            for (int sender = 0; sender < senders; sender++) {
                int first = sender;
                running.add(pool.submit(() -> {
                    for (int i = first; i < count; i += senders) {
                        tally.add(each.apply(i));
                    }
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        return tally;
    }

    /** Answers counted by status, and the first few that are wrong: a 5xx, or none for a body within the limit. */
    private static final class Tally {

        private final long started;
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        private final List<Sent> wrong = new ArrayList<>();

        Tally(long started) {
            this.started = started;
        }

        void add(Sent sent) {
            int status = sent.answer().statusCode();
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status >= 500 || status < 0 && sent.mutant().body().length <= MAX_BODY) {
                synchronized (wrong) {
                    wrong.add(sent);
                }
            }
        }

        void verify(String what) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            System.out.printf("FuzzIT: %d mutated %s in %d s, by status: %s (seed %d)%n", total, what, seconds, counts,
                    SEED);
            synchronized (wrong) {
                wrong.stream().sorted(Comparator.comparingInt(Sent::index)).limit(5)
                        .forEach(sent -> System.out.printf("  #%d %s -> %d %s%n    body: %s%n", sent.index(),
                                sent.mutant().done().stream().map(Mutator::escape).toList(), sent.answer().statusCode(),
                                Mutator.escape(sent.answer().body()), Mutator.escape(sent.mutant().body())));
                assertThat(wrong).as("%s answered with a 5xx or not at all (seed %d; first ones printed above)",
                        what, SEED).isEmpty();
            }
            assertThat(counts.getOrDefault(429, 0L)).as("%s refused by the rate limit", what)
                    .isLessThanOrEqualTo(total / 20);
        }
    }
}
