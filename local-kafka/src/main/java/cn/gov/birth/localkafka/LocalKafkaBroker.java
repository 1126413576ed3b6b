package cn.gov.birth.localkafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node Kafka broker (KRaft: broker and controller in one process) on loopback, made
 * from the Maven artifacts alone, for local runs and end-to-end tests where no Docker runs.
 * Usage: {@code java -jar local-kafka.jar [--data-dir DIR] [--port 9092] [--controller-port 9093]}.
 */
public final class LocalKafkaBroker {

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(option(args, "--data-dir", ".run/kafka-data")).toAbsolutePath();
        int port = Integer.parseInt(option(args, "--port", "9092"));
        int controllerPort = Integer.parseInt(option(args, "--controller-port", "9093"));

        Path config = writeConfig(dataDir, port, controllerPort);
        if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
            int status = kafka.tools.StorageTool.execute(new String[]{"format", "--config", config.toString(),
                    "--cluster-id", "birth-local-kafka-01", "--ignore-formatted"}, quiet());
            if (status != 0) {
                throw new IllegalStateException("Formatting Kafka storage in " + dataDir + " failed: " + status);
            }
        }
        Thread ready = new Thread(() -> announceWhenReady(port), "kafka-ready");
        ready.setDaemon(true);
        ready.start();
        kafka.Kafka.main(new String[]{config.toString()});
    }

    static Path writeConfig(Path dataDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(dataDir.resolve("logs"));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        // Topics are declared by the services with their partition counts; nothing appears by accident.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        p.setProperty("log.retention.hours", "168");
        Path config = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "single-node KRaft broker for local runs");
        }
        return config;
    }

    private static void announceWhenReady(int port) {
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                System.out.println("Kafka broker ready on 127.0.0.1:" + port);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private LocalKafkaBroker() {
    }
}
