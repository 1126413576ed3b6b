package cn.gov.birth.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.TopicAccess;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.handlers.EventHandlers;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of a service's integration tests: the service runs in the test's Spring context against a
 * real database and broker (a subclass registers them with {@link TestInfrastructure#register}),
 * under the {@code dev} profile (tokens from {@link Tokens}), and {@link #probe} plays every other
 * party on Kafka.
 */
@ActiveProfiles("dev")
public abstract class ServiceIntegrationTest {

    protected static EventProbe probe;

    @BeforeEach
    void openProbe() {
        // Opened once the context is up: the service declares the topics the probe reads.
        if (probe == null) {
            List<String> topics = new ArrayList<>(Topics.ALL);
            Topics.ALL.forEach(topic -> topics.add(Topics.deadLetter(topic)));
            probe = new EventProbe(TestInfrastructure.kafkaBootstrapServers(), topics.toArray(String[]::new));
        }
    }

    @Autowired
    protected JdbcClient jdbc;

    @Value("${spring.application.name}")
    private String serviceName;

    @Autowired
    private EventHandlers eventHandlers;

    /** On a cluster with ACLs the service may read only what TopicAccess says it consumes. */
    @Test
    void shouldConsumeExactlyTheTopicsItsKafkaAclsLetItRead() {
        assertThat(eventHandlers.topics())
                .containsExactlyInAnyOrderElementsOf(TopicAccess.client(serviceName).orElseThrow().consumes());
    }

    /** Waits until the service consumed everything on the topic and sent everything it published. */
    protected void awaitQuiet(String topic) {
        probe.awaitConsumed(serviceName, topic);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from outbox_event").query(Long.class).single() == 0);
    }

    @AfterAll
    static void closeProbe() {
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}
