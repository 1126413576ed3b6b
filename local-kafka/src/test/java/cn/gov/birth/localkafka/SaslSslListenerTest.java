package cn.gov.birth.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.events.BirthEventsAutoConfiguration;
import cn.gov.birth.platform.kafka.KafkaConventions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The broker's SASL_SSL listener with the services' ACLs, and the services' own Kafka configuration (the platform's
 * conventions, its defaults and the KAFKA_* variables) as its client: a service writes its own topic, reads what it
 * consumes, and is refused a topic it does not own and a wrong password.
 */
class SaslSslListenerTest {

    private static final String SERVICE = "birth-cert-service";

    @TempDir
    static Path dir;

    private static Process broker;
    private static int saslSslPort;
    private static Properties credentials;
    private static ConfigurableApplicationContext service;

    @BeforeAll
    static void startBrokerAndService() throws Exception {
        int port = BrokerProcess.freePort();
        saslSslPort = BrokerProcess.freePort();
        broker = BrokerProcess.launch(dir, "--port", String.valueOf(port), "--controller-port",
                String.valueOf(BrokerProcess.freePort()), "--sasl-ssl-port", String.valueOf(saslSslPort), "--partitions", "3");
        BrokerProcess.awaitReady(broker, dir);
        credentials = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("kafka/sasl-ssl").resolve(SaslSslListener.CREDENTIALS))) {
            credentials.load(in);
        }
        service = start(SERVICE, credentials.getProperty("user." + SERVICE));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            BrokerProcess.stop(broker);
        }
    }

    @Test
    void shouldPublishOnItsOwnTopic() throws Exception {
        var sent = template(service).send(Topics.BIRTH_CERT, "key", bytes("own")).get(30, TimeUnit.SECONDS);

        assertThat(sent.getRecordMetadata().topic()).isEqualTo(Topics.BIRTH_CERT);
    }

    @Test
    void shouldBeRefusedATopicItDoesNotOwn() {
        assertThatThrownBy(() -> template(service).send(Topics.HUKOU, "key", bytes("not mine")).get(30, TimeUnit.SECONDS))
                .rootCause().isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void shouldReadATopicItConsumesInItsOwnGroup() throws Exception {
        try (var publisher = start("application-service", credentials.getProperty("user.application-service"))) {
            template(publisher).send(Topics.applicationsFor(Department.HEALTH), "key", bytes("for the departments")).get(30, TimeUnit.SECONDS);
        }
        // The service's consumer configuration (group, security); strings instead of its CloudEvents deserializer.
        Map<String, Object> config = service.getBean(ConsumerFactory.class).getConfigurationProperties();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            assertThat(consumer.groupMetadata().groupId()).isEqualTo(SERVICE);
            consumer.subscribe(List.of(Topics.applicationsFor(Department.HEALTH)));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("for the departments");
        }
    }

    @Test
    void shouldRefuseAWrongPassword() {
        try (var impostor = start(SERVICE, "not-the-password")) {
            assertThatThrownBy(() -> template(impostor).send(Topics.BIRTH_CERT, "key", bytes("forged"))
                    .get(30, TimeUnit.SECONDS)).rootCause().isInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** A service's Kafka side as the service configures it, told only what its environment would say. */
    private static ConfigurableApplicationContext start(String name, String password) {
        return new SpringApplicationBuilder(ServiceKafka.class).web(WebApplicationType.NONE).run(
                "--spring.config.import=classpath:birth-platform-defaults.yml",
                "--spring.application.name=" + name,
                "--KAFKA_CREATE_TOPICS=false",
                "--KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + saslSslPort,
                "--KAFKA_SECURITY_PROTOCOL=SASL_SSL",
                "--KAFKA_PASSWORD=" + password,
                "--KAFKA_TRUSTSTORE_LOCATION=" + dir.resolve("kafka/sasl-ssl").resolve(SaslSslListener.TRUSTSTORE),
                "--KAFKA_TRUSTSTORE_PASSWORD=" + credentials.getProperty("truststore.password"));
    }

    @SuppressWarnings("unchecked")
    private static KafkaTemplate<String, Object> template(ConfigurableApplicationContext context) {
        return context.getBean(KafkaTemplate.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({BirthEventsAutoConfiguration.class, KafkaConventions.class, KafkaAutoConfiguration.class})
    static class ServiceKafka {
    }
}
