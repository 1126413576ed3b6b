package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.test.EventProbe;
import cn.gov.birth.platform.test.JsonHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Two instances of every service ({@code platform.instances=2}: failsafe's {@code scale-out} run, after the
 * others). Families file through both gateways while every service's instances share its consumer group's
 * partitions; then the second instance of every service, the gateway's included, is killed with SIGKILL, its
 * partitions move to the first, and every application filed before, during and after is finished once.
 */
class ScaleOutIT {

    private static final int APPLICATIONS = Integer.getInteger("scale-out.applications", 120);
    private static final double RATE = Double.parseDouble(System.getProperty("scale-out.rate", "2"));
    /** How long after the last filing every accepted application must be final. */
    private static final Duration SETTLED = Duration.ofMinutes(2);

    private static Platform platform;
    @AutoClose
    private static EventProbe probe;

    /**
     * Seventeen JVMs on two cores: a submission may wait past the gateway's 10 s for its upstream (504, "may still
     * complete"), which the portal sends again with its key, as after a 503; ChaosIT, one instance each, allows 503 only.
     */
    private final Filings filings = new Filings(504);

    @BeforeAll
    static void startPlatform() throws Exception {
        assumeTrue(Integer.getInteger("platform.instances", 1) == 2,
                "runs in failsafe's scale-out execution, with -Dplatform.instances=2");
        platform = Platform.shared();
        probe = new EventProbe(platform.kafkaBootstrapServers(), Topics.DEPARTMENT_FACTS.toArray(String[]::new));
    }

    @Test
    void shouldShareEachServicesPartitionsBetweenItsInstancesAndMoveAKilledOnesToTheOtherLosingNothing()
            throws Exception {
        List<Portal> portals = platform.gatewayUrls().stream().map(Portal::new).toList();
        List<ObjectNode> forms = Filings.families(APPLICATIONS);
        portals.getFirst().delivered(forms);
        // One sign-in per family, used at either gateway as a portal behind a load balancer uses it: a retry
        // after a lost connection is the same filer's, with the same Idempotency-Key.
        List<List<JsonHttp>> sessions = forms.stream().map(form -> {
            String token = portals.getFirst().citizenToken(form.get("mother").get("idNumber").asString());
            return portals.stream().map(portal -> portal.withToken(token)).toList();
        }).toList();

        Map<String, Map<String, Set<TopicPartition>>> shared = awaitShared();
        System.out.printf("scale-out: partitions by group and instance: %s%n", sizes(shared));
        shared.forEach((group, byInstance) -> assertThat(byInstance).as("instances of %s with partitions", group)
                .containsOnlyKeys(group, group + "-2").allSatisfy((instance, partitions) ->
                        assertThat(partitions).as("%s's partitions", instance).isNotEmpty()));

        ScheduledExecutorService portalThreads = Executors.newScheduledThreadPool(16);
        Instant lastFiling;
        try {
            // Half start at the second gateway; after a lost connection a family tries the other.
            CompletableFuture<Void> filed = filings.fileAll(portalThreads, forms, sessions::get, family -> family % 2, RATE);
            // A third of the way through the filing.
            portalThreads.schedule(() -> {
                for (String service : Platform.SERVICES) {
                    platform.kill(service + "-2");
                }
                System.out.printf("scale-out: the second instance of every service killed at %s%n", Instant.now());
                return null;
            }, (long) (APPLICATIONS / 3 / RATE * 1000), TimeUnit.MILLISECONDS).get();

            // Every partition the two shared (and any of a topic made since) is the first instance's.
            await("the killed instances' partitions taken over").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        Map<String, Map<String, Set<TopicPartition>>> taken = assignments();
                        assertThat(taken.keySet()).isEqualTo(shared.keySet());
                        taken.forEach((group, byInstance) -> assertThat(byInstance).as("%s's instances", group)
                                .containsOnlyKeys(group).hasEntrySatisfying(group, partitions ->
                                        assertThat(partitions).containsAll(union(shared.get(group)))));
                    });

            filed.get(30, TimeUnit.MINUTES);
            lastFiling = Instant.now();
        } finally {
            portalThreads.shutdownNow();
        }
        System.out.printf("scale-out: %d accepted; answers by status %s%n", filings.accepted().size(),
                filings.answers());
        Collection<JsonNode> finished = filings.awaitFinal(Duration.between(Instant.now(), lastFiling.plus(SETTLED)),
                "every accepted application final within " + SETTLED + " of the last filing");
        System.out.printf("scale-out: all %d final %.1f s after the last filing%n", finished.size(),
                Duration.between(lastFiling, Instant.now()).toMillis() / 1000.0);
        filings.assertEachFinishedOnce(APPLICATIONS, finished, probe, platform.kafkaBootstrapServers());
    }

    /**
     * Waits until the consumer group of every service but the gateway is stable with both instances in it, and
     * answers each group's partitions by instance (a member's client id is its instance's name and the
     * listener's number).
     */
    private static Map<String, Map<String, Set<TopicPartition>>> awaitShared() {
        List<String> consumers = Platform.SERVICES.stream().filter(s -> !s.equals("gateway-service")).toList();
        Map<String, Map<String, Set<TopicPartition>>> assignments = new TreeMap<>();
        await("every service's partitions shared by its two instances").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    assignments.clear();
                    assignments.putAll(assignments());
                    return assignments.keySet().containsAll(consumers)
                            && assignments.values().stream().allMatch(byInstance -> byInstance.size() == 2);
                });
        return assignments;
    }

    private static Map<String, Map<String, Set<TopicPartition>>> assignments() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers()))) {
            Map<String, Map<String, Set<TopicPartition>>> groups = new TreeMap<>();
            // Each service's group is named after it; the gateway has none.
            List<String> services = admin.listGroups().all().get().stream().map(listing -> listing.groupId())
                    .filter(Platform.SERVICES::contains).toList();
            // Only groups done rebalancing: in between, members hold what they held before.
            admin.describeConsumerGroups(services).all().get().forEach((group, description) -> {
                if (description.members().isEmpty() || description.groupState() != GroupState.STABLE) {
                    return;
                }
                groups.put(group, description.members().stream().collect(Collectors.groupingBy(
                        (MemberDescription member) -> member.clientId().replaceFirst("-\\d+$", ""), TreeMap::new,
                        Collectors.flatMapping(member -> member.assignment().topicPartitions().stream(),
                                Collectors.toCollection(() -> new TreeSet<>(
                                        java.util.Comparator.comparing(TopicPartition::toString)))))));
            });
            return groups;
        }
    }

    private static Set<TopicPartition> union(Map<String, Set<TopicPartition>> byInstance) {
        Set<TopicPartition> all = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
        byInstance.values().forEach(all::addAll);
        return all;
    }

    private static Map<String, Map<String, Integer>> sizes(Map<String, Map<String, Set<TopicPartition>>> groups) {
        Map<String, Map<String, Integer>> sizes = new TreeMap<>();
        groups.forEach((group, byInstance) -> byInstance.forEach((instance, partitions) ->
                sizes.computeIfAbsent(group, g -> new TreeMap<>()).put(instance, partitions.size())));
        return sizes;
    }
}
