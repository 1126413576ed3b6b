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
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Faults while families file. Applications go in at a steady rate through the gateway, as a portal
 * sends them (with an {@code Idempotency-Key}, again after a refusal or a lost connection), while
 * every {@code chaos.fault-every} one part of the platform fails: a service killed with SIGKILL and
 * started again (each service at least once, the gateway and application-service included), the
 * broker killed and started again once, PostgreSQL restarted once. CI runs a short version (the
 * defaults); {@code scripts/chaos.sh} the long one.
 */
class ChaosIT {

    private static final int APPLICATIONS = Integer.getInteger("chaos.applications", 200);
    private static final double RATE = Double.parseDouble(System.getProperty("chaos.rate", "2"));
    private static final Duration FAULT_EVERY = Duration.parse(System.getProperty("chaos.fault-every", "PT10S"));
    private static final long SEED = Long.getLong("chaos.seed", new Random().nextLong());
    /** How long after the last part came back every accepted application must be final. */
    private static final Duration SETTLED = Duration.ofSeconds(60);
    /** How long a portal keeps trying one application before it tells the family to try later. */
    private static final Duration GIVE_UP = Duration.ofMinutes(5);
    private static final String BROKER = "kafka broker";
    private static final String DATABASE = "postgresql";

    private static Platform platform;
    private static Portal portal;
    private static EventProbe probe;

    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final Findings unexpected = new Findings();
    private final Map<UUID, JsonHttp> accepted = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> lastRecovery = new AtomicReference<>(Instant.EPOCH);

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
        probe = new EventProbe(platform.kafkaBootstrapServers(), Topics.DEPARTMENT_FACTS.toArray(String[]::new));
    }

    @AfterAll
    static void closeProbe() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldFinishEveryAcceptedApplicationOnceWhenServicesTheBrokerAndTheDatabaseFailWhileFamiliesFile()
            throws Exception {
        Random random = new Random(SEED);
        List<ObjectNode> forms = new ArrayList<>();
        for (int i = 0; i < APPLICATIONS; i++) {
            ObjectNode form = JsonHttp.newFamily();
            // A county has 499 citizen ID numbers a day for each sex (then its officers decide): the
            // families' newborns are boys and girls, born over as many days as that takes.
            ObjectNode newborn = (ObjectNode) form.get("newborn");
            boolean boy = i % 2 == 1;
            newborn.put("sex", boy ? "1" : "2");
            ((ObjectNode) form.get("household")).put("relationToHead", boy ? "20" : "30");
            newborn.put("birthTime", OffsetDateTime.parse(newborn.get("birthTime").asString()).minusDays(i / 400)
                    .toString());
            forms.add(form);
        }
        portal.delivered(forms);
        List<JsonHttp> mothers = forms.stream().map(portal::motherOf).toList();
        List<String> faults = faults(random);
        System.out.printf("chaos: seed %d, %d applications at %.1f/s, faults every %s: %s%n", SEED, APPLICATIONS, RATE,
                FAULT_EVERY, faults);

        ScheduledExecutorService portalThreads = Executors.newScheduledThreadPool(16);
        ScheduledExecutorService faultThreads = Executors.newScheduledThreadPool(4);
        try {
            List<CompletableFuture<Void>> filed = new ArrayList<>();
            for (int i = 0; i < APPLICATIONS; i++) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                filed.add(done);
                int family = i;
                portalThreads.schedule(() -> file(portalThreads, forms.get(family), mothers.get(family),
                        UUID.randomUUID().toString(), Instant.now().plus(GIVE_UP), done),
                        (long) (i * 1000 / RATE), TimeUnit.MILLISECONDS);
            }
            List<CompletableFuture<Void>> recovered = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) {
                CompletableFuture<Void> back = new CompletableFuture<>();
                recovered.add(back);
                String fault = faults.get(i);
                faultThreads.schedule(() -> fail(fault, random, back), FAULT_EVERY.multipliedBy(i + 1).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            CompletableFuture.allOf(recovered.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
            CompletableFuture.allOf(filed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        } finally {
            portalThreads.shutdownNow();
            faultThreads.shutdownNow();
        }
        System.out.printf("chaos: %d accepted; answers by status %s; everything back at %s%n", accepted.size(),
                new TreeMap<>(answers), lastRecovery.get());

        Duration left = Duration.between(Instant.now(), lastRecovery.get().plus(SETTLED));
        Map<UUID, JsonNode> latest = new ConcurrentHashMap<>();
        try {
            await("every accepted application final within " + SETTLED + " of the last recovery")
                    .atMost(left.isNegative() ? Duration.ofMillis(1) : left).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        accepted.forEach((id, family) -> {
                            if (!isFinal(latest.get(id))) {
                                var answer = family.get("/api/v1/applications/" + id);
                                count(answer.status(), "GET", answer.body());
                                if (answer.status() == 200) {
                                    latest.put(id, answer.json());
                                }
                            }
                        });
                        return latest.values().stream().filter(ChaosIT::isFinal).count() == accepted.size();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not final within " + SETTLED + " of the last recovery: "
                    + (accepted.size() - latest.size()) + " never read; by status and open items: " + latest.values().stream().filter(application -> !isFinal(application))
                    .collect(Collectors.groupingBy(application -> application.get("status").asString() + " "
                            + application.get("items").valueStream().filter(i -> !i.get("status").asString()
                                    .equals("COMPLETED")).map(i -> i.get("item").asString() + ":"
                                    + i.get("status").asString()).sorted().toList(), TreeMap::new,
                            Collectors.counting())), e);
        }
        Collection<JsonNode> finished = latest.values();
        System.out.printf("chaos: all %d final %.1f s after the last recovery%n", finished.size(),
                Duration.between(lastRecovery.get(), Instant.now()).toMillis() / 1000.0);

        assertThat(accepted).as("applications accepted").hasSize(APPLICATIONS);
        assertThat(finished).allSatisfy(application ->
                assertThat(application.get("status").asString()).as("%s", application.get("id")).isEqualTo("COMPLETED"));
        List<String> citizenIds = finished.stream().map(application -> item(application, Item.HUKOU)
                .get("result").get("citizenIdNumber").asString()).toList();
        assertThat(citizenIds).doesNotHaveDuplicates().allMatch(ResidentIdNumber::isValid);
        // The probe reads the department topics on its own; give it time to catch up with them.
        await("one outcome per item").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<UUID, Map<Item, Long>> outcomes = outcomes();
            for (UUID id : accepted.keySet()) {
                assertThat(outcomes.get(id)).as("outcomes of %s", id).hasSize(7).allSatisfy((item, count) ->
                        assertThat(count).as("%s of %s", item, id).isEqualTo(1));
            }
        });
        assertThat(unexpected.items).as("5xx other than 503, and refusals a portal cannot retry").isEmpty();
        assertThat(deadLetters()).as("records on dead-letter topics").isEmpty();
    }

    private static boolean isFinal(JsonNode application) {
        return application != null && ApplicationStatus.valueOf(application.get("status").asString()).isFinal();
    }

    /** Each service once, the broker and the database once, in a random order; then services at random. */
    private static List<String> faults(Random random) {
        List<String> faults = new ArrayList<>(Platform.SERVICES);
        faults.add(BROKER);
        faults.add(DATABASE);
        Collections.shuffle(faults, random);
        long window = (long) (APPLICATIONS / RATE * 1000);
        while (FAULT_EVERY.multipliedBy(faults.size() + 1).toMillis() <= window) {
            faults.add(Platform.SERVICES.get(random.nextInt(Platform.SERVICES.size())));
        }
        return faults;
    }

    /** One fault and the recovery from it; a service still starting from an earlier kill is left to start. */
    private void fail(String fault, Random random, CompletableFuture<Void> back) {
        try {
            String target = fault;
            if (Platform.SERVICES.contains(fault) && down.contains(fault)) {
                List<String> up = Platform.SERVICES.stream().filter(s -> !down.contains(s)).toList();
                target = up.get(random.nextInt(up.size()));
            }
            down.add(target);
            Instant at = Instant.now();
            switch (target) {
                case BROKER -> platform.restartBroker();
                case DATABASE -> platform.restartDatabase();
                default -> {
                    platform.kill(target);
                    restart(target);
                }
            }
            down.remove(target);
            Instant now = Instant.now();
            lastRecovery.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
            System.out.printf("chaos: %s failed at %s, back after %.1f s%n", target, at,
                    Duration.between(at, now).toMillis() / 1000.0);
            back.complete(null);
        } catch (Exception | AssertionError e) {
            back.completeExceptionally(e);
        }
    }

    /**
     * Starts a killed service again, as often as it takes: a service that starts while the database
     * or the broker is away may stop, and is started again, as a supervisor (or running
     * {@code scripts/run-platform.sh} again) would.
     */
    private static void restart(String service) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                platform.restart(service);
                return;
            } catch (IllegalStateException exited) {
                if (attempt == 3) {
                    throw exited;
                }
                System.out.printf("chaos: %s stopped while starting (%s); starting it again%n", service,
                        exited.getMessage());
            }
        }
    }

    /**
     * Files one application as a portal does: again, with the same key, after a 429 or a 5xx (when
     * {@code Retry-After} says, else after a second) or a lost connection, until it is accepted.
     */
    private void file(ScheduledExecutorService portalThreads, ObjectNode form, JsonHttp mother, String key,
                      Instant giveUp, CompletableFuture<Void> done) {
        long retryInMillis;
        try {
            var answer = mother.post("/api/v1/applications", form, "Idempotency-Key", key);
            count(answer.status(), "POST", answer.body());
            if (answer.status() == 201) {
                accepted.put(UUID.fromString(answer.json().get("id").asString()), mother);
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
        portalThreads.schedule(() -> file(portalThreads, form, mother, key, giveUp, done), retryInMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Counts an answer (0: no answer, the connection failed); a 5xx other than 503 is unexpected. */
    private void count(int status, String method, String body) {
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        if (status >= 500 && status != 503) {
            unexpected.add(method + " answered " + status + ": " + body);
        }
    }

    /** Distinct final outcomes (completed, rejected, cancelled) per item, by application. */
    private static Map<UUID, Map<Item, Long>> outcomes() {
        return Topics.DEPARTMENT_FACTS.stream()
                .flatMap(topic -> probe.events(topic, ItemFact.class).stream())
                .filter(ItemFact::finishes)
                .collect(Collectors.groupingBy(ItemFact::applicationId, Collectors.groupingBy(ItemFact::item,
                        Collectors.mapping(ItemFact::eventId,
                                Collectors.collectingAndThen(Collectors.toSet(), ids -> (long) ids.size())))));
    }

    /** Records on any dead-letter topic, by topic. */
    private static Map<String, Long> deadLetters() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get().stream().filter(t -> t.endsWith(".dlt"))
                    .collect(Collectors.toSet());
            if (topics.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()),
                            OffsetSpec.latest())));
            return admin.listOffsets(ends).all().get().entrySet().stream()
                    .filter(end -> end.getValue().offset() > 0)
                    .collect(Collectors.groupingBy(end -> end.getKey().topic(),
                            Collectors.summingLong(end -> end.getValue().offset())));
        }
    }

    private static JsonNode item(JsonNode application, Item item) {
        return application.get("items").valueStream().filter(i -> i.get("item").asString().equals(item.name()))
                .findFirst().orElseThrow();
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
