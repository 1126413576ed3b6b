package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.test.EventProbe;
import cn.gov.birth.platform.test.JsonHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AutoClose;
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
    private static final String BROKER = "kafka broker";
    private static final String DATABASE = "postgresql";

    private static Platform platform;
    private static Portal portal;
    @AutoClose
    private static EventProbe probe;

    private final Filings filings = new Filings();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> lastRecovery = new AtomicReference<>(Instant.EPOCH);

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
        probe = new EventProbe(platform.kafkaBootstrapServers(), Topics.DEPARTMENT_FACTS.toArray(String[]::new));
    }

    @Test
    void shouldFinishEveryAcceptedApplicationOnceWhenServicesTheBrokerAndTheDatabaseFailWhileFamiliesFile()
            throws Exception {
        Random random = new Random(SEED);
        List<ObjectNode> forms = Filings.families(APPLICATIONS);
        portal.delivered(forms);
        List<JsonHttp> mothers = forms.stream().map(portal::motherOf).toList();
        List<String> faults = faults(random);
        System.out.printf("chaos: seed %d, %d applications at %.1f/s, faults every %s: %s%n", SEED, APPLICATIONS, RATE,
                FAULT_EVERY, faults);

        ScheduledExecutorService portalThreads = Executors.newScheduledThreadPool(16);
        ScheduledExecutorService faultThreads = Executors.newScheduledThreadPool(4);
        try {
            CompletableFuture<Void> filed = filings.fileAll(portalThreads, forms,
                    family -> List.of(mothers.get(family)), family -> 0, RATE);
            List<CompletableFuture<Void>> recovered = new ArrayList<>();
            for (int i = 0; i < faults.size(); i++) {
                CompletableFuture<Void> back = new CompletableFuture<>();
                recovered.add(back);
                String fault = faults.get(i);
                faultThreads.schedule(() -> fail(fault, random, back), FAULT_EVERY.multipliedBy(i + 1).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            CompletableFuture.allOf(recovered.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
            filed.get(30, TimeUnit.MINUTES);
        } finally {
            portalThreads.shutdownNow();
            faultThreads.shutdownNow();
        }
        System.out.printf("chaos: %d accepted; answers by status %s; everything back at %s%n",
                filings.accepted().size(), filings.answers(), lastRecovery.get());

        Collection<JsonNode> finished = filings.awaitFinal(
                Duration.between(Instant.now(), lastRecovery.get().plus(SETTLED)),
                "every accepted application final within " + SETTLED + " of the last recovery");
        System.out.printf("chaos: all %d final %.1f s after the last recovery%n", finished.size(),
                Duration.between(lastRecovery.get(), Instant.now()).toMillis() / 1000.0);
        filings.assertEachFinishedOnce(APPLICATIONS, finished, probe, platform.kafkaBootstrapServers());
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
}
