package cn.gov.birth.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker as the run script and the end-to-end tests start it (BrokerProcess): its own process, on loopback. */
class LocalKafkaBrokerTest {

    @TempDir
    Path data;

    @Test
    void shouldServeProduceAndConsumeOnLoopback() throws Exception {
        int port = BrokerProcess.freePort();
        int controllerPort = BrokerProcess.freePort();
        Process broker = start(port, controllerPort);
        try {
            String servers = "127.0.0.1:" + port;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                admin.createTopics(List.of(new NewTopic("probe.v1", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    servers), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("probe.v1", "key", "hello")).get(30, TimeUnit.SECONDS);
            }
            assertThat(Files.readString(data.resolve("broker.log"))).contains("Kafka broker ready on " + servers);

            // A restart on the same data directory keeps the topic and its record.
            broker.destroy();
            assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("broker stops on SIGTERM").isTrue();
            broker = start(port, controllerPort);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("probe.v1");
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.GROUP_ID_CONFIG, "probe",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("probe.v1"));
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                    consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                    return !received.isEmpty();
                });
                assertThat(received).singleElement().satisfies(record -> {
                    assertThat(record.key()).isEqualTo("key");
                    assertThat(record.value()).isEqualTo("hello");
                });
            }
        } finally {
            broker.destroyForcibly();
            broker.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRefuseToStartWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            Process broker = launch(taken.getLocalPort(), BrokerProcess.freePort());
            assertThat(broker.waitFor(30, TimeUnit.SECONDS)).as("exits at once").isTrue();
            assertThat(broker.exitValue()).isEqualTo(2);
            assertThat(Files.readString(data.resolve("broker.log")))
                    .contains("--port " + taken.getLocalPort() + " is not free")
                    .doesNotContain("Kafka broker ready");
        }
    }

    private Process start(int port, int controllerPort) throws IOException {
        Process process = launch(port, controllerPort);
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("broker running, see " + data + File.separator + "broker.log").isTrue();
            return accepts(port);
        });
        return process;
    }

    private Process launch(int port, int controllerPort) throws IOException {
        return BrokerProcess.launch(data, "--port", String.valueOf(port), "--controller-port",
                String.valueOf(controllerPort));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
