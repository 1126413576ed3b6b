package cn.gov.birth.localkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The broker as the run script and the end-to-end tests start it: its own process, logging to {@code broker.log}. */
final class BrokerProcess {

    static Process launch(Path dir, String... options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                LocalKafkaBroker.class.getName(), "--data-dir", dir.resolve("kafka").toString()));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(dir).toFile())).start();
    }

    /** Waits for the broker's ready line, which comes once its users and ACLs are in place too. */
    static void awaitReady(Process broker, Path dir) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertThat(broker.isAlive()).as("broker running, see " + log(dir)).isTrue();
            return Files.exists(log(dir)) && Files.readString(log(dir)).contains("Kafka broker ready");
        });
    }

    static void stop(Process broker) throws InterruptedException {
        broker.destroyForcibly();
        broker.waitFor(30, TimeUnit.SECONDS);
    }

    static Path log(Path dir) {
        return dir.resolve("broker.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private BrokerProcess() {
    }
}
