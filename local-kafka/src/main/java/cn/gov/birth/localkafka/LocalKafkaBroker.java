package cn.gov.birth.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one process) on loopback, made
 * from the Maven artifacts alone, for local runs and end-to-end tests where no Docker runs.
 *
 * <p>Usage: {@code java -jar local-kafka.jar [--data-dir DIR] [--port 9092] [--controller-port 9093]
 * [--sasl-ssl-port PORT [--partitions 12]]}; without an option, the environment variables
 * {@code LOCAL_KAFKA_DATA_DIR}, {@code LOCAL_KAFKA_PORT}, {@code LOCAL_KAFKA_CONTROLLER_PORT},
 * {@code LOCAL_KAFKA_SASL_SSL_PORT} and {@code KAFKA_PARTITIONS} apply, then the defaults
 * {@code .run/kafka-data}, 9092, 9093, no SASL_SSL listener and 12. With one, the broker also listens
 * with SASL_SSL and the services' ACLs there, and creates the topics itself ({@link SaslSslListener}).
 * The storage is formatted on first start; later starts on the same data directory keep topics and
 * records. Prints {@code Kafka broker ready on 127.0.0.1:<port>} once the port accepts connections,
 * and runs until killed (SIGTERM shuts the broker down cleanly).
 */
public final class LocalKafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(option(args, "--data-dir", "LOCAL_KAFKA_DATA_DIR", ".run/kafka-data"))
                .toAbsolutePath().normalize();
        int port = port(option(args, "--port", "LOCAL_KAFKA_PORT", "9092"), "--port");
        int controllerPort = port(option(args, "--controller-port", "LOCAL_KAFKA_CONTROLLER_PORT", "9093"),
                "--controller-port");
        if (port == controllerPort) {
            fail("--port and --controller-port must differ (both are " + port + ")");
        }
        requireFree(port, "--port");
        requireFree(controllerPort, "--controller-port");
        String saslSslPort = option(args, "--sasl-ssl-port", "LOCAL_KAFKA_SASL_SSL_PORT", "");
        SaslSslListener secure = null;
        if (!saslSslPort.isBlank()) {
            int securePort = port(saslSslPort, "--sasl-ssl-port");
            if (securePort == port || securePort == controllerPort) {
                fail("--sasl-ssl-port must differ from --port and --controller-port (" + securePort + ")");
            }
            requireFree(securePort, "--sasl-ssl-port");
            int partitions = count(option(args, "--partitions", "KAFKA_PARTITIONS", "12"), "--partitions");
            secure = SaslSslListener.prepare(dataDir, securePort, partitions);
        }

        Path config = writeConfig(dataDir, port, controllerPort, secure);
        formatIfNeeded(dataDir, config);

        SaslSslListener listener = secure;
        Thread ready = new Thread(() -> announceWhenReady(port, listener), "kafka-ready");
        ready.setDaemon(true);
        ready.start();
        // Starts KafkaRaftServer, installs a shutdown hook and blocks until the broker stops.
        kafka.Kafka.main(new String[]{config.toString()});
    }

    static Path writeConfig(Path dataDir, int port, int controllerPort, SaslSslListener secure) throws IOException {
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // Topics are declared by the services with their partition counts; nothing appears by accident.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "4");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Small and memory-friendly: one node on a developer machine or a CI runner.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("background.threads", "4");
        p.setProperty("num.replica.fetchers", "1");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.setProperty("log.cleaner.io.buffer.size", String.valueOf(256 * 1024));
        p.setProperty("log.segment.bytes", String.valueOf(32 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.setProperty("log.retention.hours", "168");
        p.setProperty("queued.max.requests", "200");
        if (secure != null) {
            secure.configure(p, HOST);
        }
        Path config = dataDir.resolve("server.properties");
        // Owner-only: with SASL_SSL it holds the key store's password.
        Files.deleteIfExists(config);
        SaslSslListener.createPrivately(config);
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "single-node KRaft broker for local runs (written by LocalKafkaBroker on every start)");
        }
        return config;
    }

    /** Formats the storage (meta.properties, bootstrap metadata) unless an earlier start did. */
    static void formatIfNeeded(Path dataDir, Path config) {
        if (Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            return;
        }
        var output = new java.io.ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            // execute() returns an exit code; StorageTool.main() would call System.exit.
            status = kafka.tools.StorageTool.execute(new String[]{"format", "--config", config.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"}, out);
        }
        if (status != 0) {
            fail("formatting Kafka storage in " + dataDir + " failed (status " + status + "): "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** Announces the broker once it answers; with SASL_SSL, once its users and ACLs are in place too. */
    private static void announceWhenReady(int port, SaslSslListener secure) {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                if (secure != null) {
                    provision(secure, HOST + ":" + port);
                }
                log.info("Kafka broker ready on {}:{}", HOST, port);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void provision(SaslSslListener secure, String plaintext) {
        try {
            secure.provision(plaintext);
            log.info("SASL_SSL ({}) on {}:{} with the services' ACLs; passwords and trust store: {}",
                    SaslSslListener.MECHANISM, HOST, secure.port(), secure.credentials());
        } catch (Exception e) {
            fail("cannot create the SASL users and ACLs: " + e);
        }
    }

    /** Fails fast if the port is taken: otherwise the readiness poll could announce another process. */
    private static void requireFree(int port, String name) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        } catch (IOException e) {
            fail(name + " " + port + " is not free on " + HOST + " (" + e.getMessage()
                    + "); is another broker running?");
        }
    }

    private static int count(String value, String name) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(name + " must be a positive number, not '" + value + "'");
        return -1;
    }

    private static int port(String value, String name) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail(name + " must be a port number, not '" + value + "'");
        return -1;
    }

    private static String option(String[] args, String name, String env, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(name + "=")) {
                return args[i].substring(name.length() + 1);
            }
        }
        String fromEnv = System.getenv(env);
        return fromEnv == null || fromEnv.isBlank() ? fallback : fromEnv;
    }

    private static void fail(String message) {
        log.error("Cannot start the local Kafka broker: {}", message);
        System.exit(2);
    }

    private LocalKafkaBroker() {
    }
}
