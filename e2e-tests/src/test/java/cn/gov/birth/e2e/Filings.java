package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.test.EventProbe;
import cn.gov.birth.platform.test.JsonHttp;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applications filed through the gateway the way a portal files them, while parts of the platform fail
 * (ChaosIT, ScaleOutIT), and the checks that nothing accepted was lost or done twice: what the answers were,
 * which applications were accepted, what no portal should meet (a 5xx other than 503, a refusal it cannot retry).
 */
final class Filings {

    /** How long a portal keeps trying one application before it tells the family to try later. */
    static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Findings unexpected = new Findings();
    private final Map<UUID, List<JsonHttp>> accepted = new ConcurrentHashMap<>();
    private final Set<Integer> retried5xx;

    /** @param alsoRetried the 5xx besides 503 a portal may meet here, and sends again with its key */
    Filings(Integer... alsoRetried) {
        this.retried5xx = Stream.concat(Stream.of(503), Arrays.stream(alsoRetried))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * New families' applications, their newborns boys and girls born over as many days as it takes: a county has
     * 499 citizen ID numbers a day for each sex (then its officers decide).
     */
    static List<ObjectNode> families(int count) {
        List<ObjectNode> forms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode form = JsonHttp.newFamily();
            ObjectNode newborn = (ObjectNode) form.get("newborn");
            boolean boy = i % 2 == 1;
            newborn.put("sex", boy ? "1" : "2");
            ((ObjectNode) form.get("household")).put("relationToHead", boy ? "20" : "30");
            newborn.put("birthTime", OffsetDateTime.parse(newborn.get("birthTime").asString()).minusDays(i / 400)
                    .toString());
            forms.add(form);
        }
        return forms;
    }

    /** The accepted applications, each with the family's sessions (one per gateway). */
    Map<UUID, List<JsonHttp>> accepted() {
        return accepted;
    }

    /** How many answers of each status came (0: no answer, the connection failed). */
    Map<Integer, AtomicInteger> answers() {
        return new TreeMap<>(answers);
    }

    /**
     * Files each family's form at {@code rate} a second, whatever the answers (each with its own
     * idempotency key, see {@link #file}); done when every one is accepted or given up. A family starts
     * with the session {@code firstSession} picks of those {@code sessionsOf} gives it.
     */
    CompletableFuture<Void> fileAll(ScheduledExecutorService portalThreads, List<ObjectNode> forms,
                                    IntFunction<List<JsonHttp>> sessionsOf, IntUnaryOperator firstSession, double rate) {
        List<CompletableFuture<Void>> filed = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            filed.add(done);
            int family = i;
            portalThreads.schedule(() -> file(portalThreads, forms.get(family), sessionsOf.apply(family),
                    UUID.randomUUID().toString(), Instant.now().plus(GIVE_UP), firstSession.applyAsInt(family), done),
                    (long) (i * 1000 / rate), TimeUnit.MILLISECONDS);
        }
        return CompletableFuture.allOf(filed.toArray(CompletableFuture[]::new));
    }

    /**
     * Files one application as a portal does: again, with the same key, after a 429 or a 5xx (when
     * {@code Retry-After} says, else after a second) or a lost connection, until it is accepted. The
     * family's sessions are one per gateway: after a lost connection the next is tried, as a load
     * balancer in front of the gateways would.
     */
    void file(ScheduledExecutorService portalThreads, ObjectNode form, List<JsonHttp> sessions, String key,
              Instant giveUp, int attempt, CompletableFuture<Void> done) {
        JsonHttp family = sessions.get(attempt % sessions.size());
        long retryInMillis;
        int next = attempt;
        try {
            var answer = family.post("/api/v1/applications", form, "Idempotency-Key", key);
            count(answer.status(), "POST", answer.body());
            if (answer.status() == 201) {
                accepted.put(UUID.fromString(answer.json().get("id").asString()), sessions);
                done.complete(null);
                return;
            }
            if (answer.status() != 429 && answer.status() < 500) {
                unexpected.add("POST answered " + answer.status() + ": " + answer.body());
                done.complete(null);
                return;
            }
            retryInMillis = answer.retryAfter() != null && answer.retryAfter().matches("\\d{1,4}")
                    ? Long.parseLong(answer.retryAfter()) * 1000 : 1000;
        } catch (UncheckedIOException e) {
            count(0, "POST", e.getCause().toString());
            retryInMillis = 1000;
            next = attempt + 1;
        } catch (RuntimeException e) {
            unexpected.add("POST failed: " + e);
            done.complete(null);
            return;
        }
        if (Instant.now().isAfter(giveUp)) {
            unexpected.add("not accepted within " + GIVE_UP + " of trying");
            done.complete(null);
            return;
        }
        int again = next;
        portalThreads.schedule(() -> file(portalThreads, form, sessions, key, giveUp, again, done), retryInMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Reads every accepted application until all are final, for at most {@code within}; fails naming how many
     * are open, by status and open items.
     */
    Collection<JsonNode> awaitFinal(Duration within, String what) {
        Map<UUID, JsonNode> latest = new ConcurrentHashMap<>();
        try {
            await(what).atMost(within.isNegative() ? Duration.ofMillis(1) : within)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        accepted.forEach((id, sessions) -> {
                            if (!isFinal(latest.get(id))) {
                                var answer = get(sessions, "/api/v1/applications/" + id);
                                count(answer.status(), "GET", answer.body());
                                if (answer.status() == 200) {
                                    latest.put(id, answer.json());
                                }
                            }
                        });
                        return latest.values().stream().filter(Filings::isFinal).count() == accepted.size();
                    });
        } catch (ConditionTimeoutException e) {
            Map<String, Long> open = latest.values().stream().filter(application -> !isFinal(application))
                    .collect(Collectors.groupingBy(Filings::openItems, TreeMap::new, Collectors.counting()));
            throw new AssertionError("not " + what + ": " + (accepted.size() - latest.size())
                    + " never read; by status and open items: " + open, e);
        }
        return latest.values();
    }

    /** A GET through the first gateway that takes the connection, as a load balancer in front of them does. */
    private static JsonHttp.Response get(List<JsonHttp> sessions, String path) {
        for (int i = 0; ; i++) {
            try {
                return sessions.get(i).get(path);
            } catch (UncheckedIOException e) {
                if (i == sessions.size() - 1) {
                    throw e;
                }
            }
        }
    }

    /**
     * Every application of {@code expected} accepted and COMPLETED, each with a valid citizen ID number of its own
     * and one outcome per item on the department topics; no answer a portal should not meet; every dead-letter
     * topic empty.
     */
    void assertEachFinishedOnce(int expected, Collection<JsonNode> finished, EventProbe probe,
                                String kafkaBootstrapServers) throws Exception {
        assertThat(unexpected.items).as("5xx other than %s, and refusals a portal cannot retry", retried5xx).isEmpty();
        assertThat(accepted).as("applications accepted").hasSize(expected);
        assertThat(finished).allSatisfy(application ->
                assertThat(application.get("status").asString()).as("%s", application.get("id")).isEqualTo("COMPLETED"));
        List<String> citizenIds = finished.stream().map(application -> item(application, Item.HUKOU)
                .get("result").get("citizenIdNumber").asString()).toList();
        // Counted, not listed: a failure names no citizen ID number.
        assertThat(new HashSet<>(citizenIds).size()).as("distinct citizen ID numbers").isEqualTo(citizenIds.size());
        assertThat(citizenIds.stream().filter(id -> !ResidentIdNumber.isValid(id)).count())
                .as("invalid citizen ID numbers").isZero();
        // The probe reads the department topics on its own; give it time to catch up with them.
        await("one outcome per item").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<UUID, Map<Item, Long>> outcomes = outcomes(probe);
            for (UUID id : accepted.keySet()) {
                assertThat(outcomes.get(id)).as("outcomes of %s", id).hasSize(7).allSatisfy((item, count) ->
                        assertThat(count).as("%s of %s", item, id).isEqualTo(1));
            }
        });
        assertThat(deadLetters(kafkaBootstrapServers)).as("records on dead-letter topics").isEmpty();
    }

    static boolean isFinal(JsonNode application) {
        return application != null && ApplicationStatus.valueOf(application.get("status").asString()).isFinal();
    }

    static JsonNode item(JsonNode application, Item item) {
        return application.get("items").valueStream().filter(i -> i.get("item").asString().equals(item.name()))
                .findFirst().orElseThrow();
    }

    /** An open application's status and its items not yet completed, e.g. {@code IN_PROGRESS [SSCARD:SUBMITTED]}. */
    private static String openItems(JsonNode application) {
        List<String> items = application.get("items").valueStream()
                .filter(item -> !item.get("status").asString().equals("COMPLETED"))
                .map(item -> item.get("item").asString() + ":" + item.get("status").asString()).sorted().toList();
        return application.get("status").asString() + " " + items;
    }

    /** Counts an answer (0: no answer, the connection failed); a 5xx other than those retried is unexpected. */
    private void count(int status, String method, String body) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status >= 500 && !retried5xx.contains(status)) {
            unexpected.add(method + " answered " + status + ": " + body);
        }
    }

    /** Distinct final outcomes (completed, rejected, cancelled) per item, by application. */
    private static Map<UUID, Map<Item, Long>> outcomes(EventProbe probe) {
        return Topics.DEPARTMENT_FACTS.stream()
                .flatMap(topic -> probe.events(topic, ItemFact.class).stream())
                .filter(ItemFact::finishes)
                .collect(Collectors.groupingBy(ItemFact::applicationId, Collectors.groupingBy(ItemFact::item,
                        Collectors.mapping(ItemFact::eventId,
                                Collectors.collectingAndThen(Collectors.toSet(), ids -> (long) ids.size())))));
    }

    /** Records on any dead-letter topic, by topic. */
    private static Map<String, Long> deadLetters(String kafkaBootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers))) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlt"))
                    .collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get().entrySet().stream()
                    .filter(end -> end.getValue().offset() > 0)
                    .collect(Collectors.groupingBy(end -> end.getKey().topic(),
                            Collectors.summingLong(end -> end.getValue().offset())));
        }
    }

    /** What went wrong, kept to the first hundred (a storm of the same failure says enough). */
    private static final class Findings {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();
        private final AtomicInteger count = new AtomicInteger();

        void add(String what) {
            if (count.incrementAndGet() <= 100) {
                items.add(what.length() > 300 ? what.substring(0, 300) : what);
            }
        }
    }
}
