package cn.gov.birth.e2e;

import cn.gov.birth.generator.FamilyGenerator;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The whole platform as it runs in production: the packaged jars of the eight services, each in
 * its own JVM process, a Kafka broker process started from Maven artifacts, and PostgreSQL. With
 * {@code platform.instances} 2, every service runs twice (the second instance of a service is named
 * {@code <service>-2}): the same database and consumer groups, the gateways balancing across both.
 */
final class Platform implements AutoCloseable {

    static final List<String> DEPARTMENTS = List.of("birth-cert-service", "vaccination-service", "hukou-service",
            "insurance-service", "sscard-service");
    private static final List<String> BACKENDS = List.of("application-service", "birth-cert-service",
            "vaccination-service", "hukou-service", "insurance-service", "sscard-service", "notification-service");
    /** Every service, the gateway last (it starts when the services it routes to are up). */
    static final List<String> SERVICES = java.util.stream.Stream.concat(BACKENDS.stream(),
            java.util.stream.Stream.of("gateway-service")).toList();
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final int FAMILIES = 5;

    private final int instances;
    private final Path root;
    private final Path logs;
    private static final Random RANDOM = new Random();
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    // Restarted from other threads while the tests run (ChaosIT).
    private final Map<String, Process> processes = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final Path dataSet;
    private Process broker;
    private Process simulator;
    private Path kafkaData;
    private int kafkaControllerPort;
    private int kafkaPort;
    private int simulatorPort;

    private static Platform shared;

    /**
     * The one platform every end-to-end test class of this run uses, started on first use and
     * stopped when the test JVM ends.
     */
    static synchronized Platform shared() throws IOException {
        if (shared == null) {
            Platform platform = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            platform.start();
            shared = platform;
        }
        return shared;
    }

    Platform() {
        this(Integer.getInteger("platform.instances", 1));
    }

    Platform(int instances) {
        this.instances = instances;
        root = Path.of(System.getProperty("platform.root", "..")).toAbsolutePath().normalize();
        logs = root.resolve("e2e-tests/target/e2e-logs");
        dataSet = root.resolve("e2e-tests/target/e2e-data");
    }

    /** The generated data set the departments load at start-up: its families' forms are in {@code applications/}. */
    Path dataSet() {
        return dataSet;
    }

    void start() throws IOException {
        Files.createDirectories(logs);
        startSimulator();
        new FamilyGenerator(JsonHttp.sampleApplication(), 1, LocalDate.now(ZoneId.of("Asia/Shanghai")),
                simulatorUrl()).write(dataSet, FAMILIES);
        startBroker();
        for (String service : BACKENDS) {
            String database = "e2e_" + service.replace('-', '_');
            databases.put(service, TestInfrastructure.databaseName(database));
            TestInfrastructure.freshDatabase(database);
        }
        for (String service : SERVICES) {
            for (String instance : instancesOf(service)) {
                ports.put(instance, freePort());
            }
        }
        // The gateways last (SERVICES' order): they start when the services they route to are up.
        for (String instance : ports.keySet()) {
            launch(instance);
        }
        for (String instance : ports.keySet()) {
            awaitReady(instance);
        }
    }

    /** The service's instances by name: the service's own name, then {@code <service>-2} and on. */
    List<String> instancesOf(String service) {
        return java.util.stream.IntStream.rangeClosed(1, instances)
                .mapToObj(n -> n == 1 ? service : service + "-" + n).toList();
    }

    /** The gateways' addresses, one per instance. */
    List<String> gatewayUrls() {
        return instancesOf("gateway-service").stream().map(this::serviceUrl).toList();
    }

    String gatewayUrl() {
        return serviceUrl("gateway-service");
    }

    /** Where a service (instance) listens (on loopback): to show that a service reached directly checks too. */
    String serviceUrl(String instance) {
        return "http://127.0.0.1:" + ports.get(instance);
    }

    /** Every instance of the service, comma-separated, as the gateway and the services take them. */
    private String serviceUrls(String service) {
        return String.join(",", instancesOf(service).stream().map(this::serviceUrl).toList());
    }

    /** The first column of the rows a query on a service's database returns. */
    List<String> query(String service, String sql, Object... parameters) {
        var server = TestInfrastructure.databaseServer();
        try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl(databases.get(service)),
                server.user(), server.password());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every service's database holds, as text: each row of each table of its schema, as
     * {@code pg_dump} would write it (a row's text form), by service.
     */
    Map<String, String> storedText() {
        Map<String, String> stored = new LinkedHashMap<>();
        for (String service : databases.keySet()) {
            StringBuilder text = new StringBuilder();
            for (String table : query(service, "select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE'")) {
                // Names from the catalog, quoted as identifiers.
                query(service, "select t::text from \"" + table.replace("\"", "\"\"") + "\" t")
                        .forEach(row -> text.append(table).append(' ').append(row).append('\n'));
            }
            stored.put(service, text.toString());
        }
        return stored;
    }

    /** The external systems' stand-in (banks, tax payment channel): WireMock with the mappings in {@code simulator/}. */
    String simulatorUrl() {
        return "http://127.0.0.1:" + simulatorPort;
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** Kills the service's process the hard way (SIGKILL): no shutdown hooks, no graceful stop. */
    void kill(String service) throws InterruptedException {
        Process process = processes.get(service);
        process.destroyForcibly();
        process.waitFor();
    }

    void restart(String service) throws IOException {
        launch(service);
        awaitReady(service);
    }

    /** Kills the broker (SIGKILL) and starts it again on its ports and data: the services reconnect. */
    synchronized void restartBroker() throws IOException, InterruptedException {
        broker.destroyForcibly();
        broker.waitFor();
        launchBroker();
    }

    /**
     * Restarts the local PostgreSQL cluster the platform's databases are on ({@code pg_ctlcluster},
     * fast shutdown: every connection is cut, as in a database failover).
     */
    void restartDatabase() throws IOException, InterruptedException {
        int port = TestInfrastructure.databaseServer().port();
        Process list = new ProcessBuilder("pg_lsclusters", "-h").redirectErrorStream(true).start();
        String cluster = new String(list.getInputStream().readAllBytes()).lines()
                .map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 2 && fields[2].equals(String.valueOf(port)))
                .map(fields -> fields[0] + " " + fields[1]).findFirst()
                .orElseThrow(() -> new IllegalStateException("no local PostgreSQL cluster on port " + port
                        + " to restart (pg_lsclusters)"));
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", cluster.split(" ")[0],
                cluster.split(" ")[1], "restart").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("postgresql-restarts.log").toFile()))
                .start();
        if (restart.waitFor() != 0) {
            throw new IllegalStateException("pg_ctlcluster restart of " + cluster + " failed; see "
                    + logs.resolve("postgresql-restarts.log"));
        }
    }

    private void startBroker() throws IOException {
        kafkaPort = freePort();
        kafkaControllerPort = freePort();
        kafkaData = Files.createTempDirectory("e2e-kafka");
        launchBroker();
    }

    private void launchBroker() throws IOException {
        broker = startListening("kafka", kafkaPort, java(), "-Xmx512m", "-jar", jar("local-kafka").toString(),
                "--data-dir", kafkaData.toString(), "--port", String.valueOf(kafkaPort),
                "--controller-port", String.valueOf(kafkaControllerPort));
    }

    private void startSimulator() throws IOException {
        simulatorPort = freePort();
        Path jar = root.resolve("simulator/target/simulator.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Simulator missing: " + jar + " (run ./mvnw package first)");
        }
        simulator = startListening("simulator", simulatorPort, java(), "-Xmx256m", "-jar", jar.toString(),
                "--extensions", SIMULATOR_EXTENSIONS, "--port", String.valueOf(simulatorPort),
                "--bind-address", "127.0.0.1", "--root-dir", root.resolve("simulator").toString(), "--disable-banner",
                "--no-request-journal");
    }

    /** The simulator's partner behaviour: signed requests checked, signed callbacks made, SMS ids recorded. */
    static final String SIMULATOR_EXTENSIONS = "cn.gov.birth.simulator.PartnerSignatureCheck,"
            + "cn.gov.birth.simulator.SignedCallback,cn.gov.birth.simulator.SmsInbox";

    /** Starts a helper process logging to {@code <name>.log} and waits until it listens on its port. */
    private Process startListening(String name, int port, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
        builder.environment().put("DEV_KEYS_DIR", Tokens.DIR.toAbsolutePath().toString());
        Process process = builder.start();
        Awaitility.await(name + " on " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited; see " + logs.resolve(name + ".log"));
                    }
                    return accepts(port);
                });
        return process;
    }

    private void launch(String instance) throws IOException {
        String service = instance.replaceFirst("-\\d+$", "");
        List<String> command = new ArrayList<>(List.of(java(), "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar(service).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(instance + ".log").toFile()));
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", String.valueOf(ports.get(instance)));
        // Each instance's Kafka clients named after it: a consumer group's members say which instance they are.
        env.put("SPRING_KAFKA_CLIENT_ID", instance);
        // Local tokens and partner secrets, shared with the tests (Tokens, PartnerCalls) and the simulator.
        env.put("SPRING_PROFILES_ACTIVE", "dev");
        env.put("DEV_KEYS_DIR", Tokens.DIR.toAbsolutePath().toString());
        env.put("CARD_BANK_ALLOWED_URLS", simulatorUrl() + "/bank/");
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("KAFKA_PARTITIONS", "6");
        env.put("OUTBOX_POLL_INTERVAL", "PT0.2S");
        // Seven services share one PostgreSQL (100 connections by default) with the tests themselves.
        env.put("DB_POOL_SIZE", "4");
        var database = TestInfrastructure.databaseServer();
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", String.valueOf(database.port()));
        env.put("DB_USER", database.user());
        env.put("DB_PASSWORD", database.password());
        env.put("APPLICATION_SERVICE_URL", serviceUrls("application-service"));
        env.put("NOTIFICATION_SERVICE_URL", serviceUrls("notification-service"));
        env.put("HUKOU_SERVICE_URL", serviceUrls("hukou-service"));
        env.put("BIRTH_CERT_SERVICE_URL", serviceUrls("birth-cert-service"));
        env.put("VACCINATION_SERVICE_URL", serviceUrls("vaccination-service"));
        env.put("INSURANCE_SERVICE_URL", serviceUrls("insurance-service"));
        env.put("SSCARD_SERVICE_URL", serviceUrls("sscard-service"));
        env.put("TAX_CHANNEL_URL", simulatorUrl());
        if (instances > 1) {
            // The instance that sent a request may be gone when the partner calls back: any other takes it.
            env.put("TAX_CHANNEL_CALLBACK_URL", gatewayUrl() + "/api/v1/payment-callbacks");
            env.put("CARD_CALLBACK_URL", gatewayUrl() + "/api/v1/card-callbacks");
        }
        env.put("SMS_PROVIDER_URL", simulatorUrl());
        // An SMS claimed by a killed notification-service is sent again soon after its restart.
        env.put("SMS_LEASE", "PT15S");
        // A callback lost while its service was killed is made good by asking again: sooner than in production.
        env.put("TAX_CHANNEL_RECHECK_AFTER", "PT15S");
        env.put("CARD_CALLBACK_TIMEOUT", "PT15S");
        env.put("REFERENCE_DATA_DIR", dataSet.toString());
        // Items found overdue soon after the dev clock is moved past their limits (SupervisionEndToEndIT).
        env.put("OVERDUE_CHECK_INTERVAL", "PT2S");
        if (databases.containsKey(service)) {
            env.put("DB_NAME", databases.get(service));
        }
        processes.put(instance, builder.start());
    }

    private void awaitReady(String service) {
        URI readiness = URI.create("http://127.0.0.1:" + ports.get(service) + "/actuator/health/readiness");
        Awaitility.await(service + " ready").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!processes.get(service).isAlive()) {
                        throw new IllegalStateException(service + " exited; see " + logs.resolve(service + ".log"));
                    }
                    HttpURLConnection connection = (HttpURLConnection) readiness.toURL().openConnection();
                    connection.setConnectTimeout(1000);
                    try {
                        return connection.getResponseCode() == 200;
                    } finally {
                        connection.disconnect();
                    }
                });
    }

    private Path jar(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Packaged jar missing: " + jar + " (run ./mvnw package first)");
        }
        return jar;
    }

    private static String java() {
        return ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): a port the kernel handed out could
     * be taken by some process's outgoing connection before the service binds it.
     */
    private static synchronized int freePort() {
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                HANDED_OUT.add(port);
                return socket.getLocalPort();
            } catch (IOException e) {
                // Taken: try another.
            }
        }
        throw new IllegalStateException("No free port found between 20000 and 32000");
    }

    @Override
    public void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (broker != null) {
            broker.destroyForcibly();
        }
        if (simulator != null) {
            simulator.destroyForcibly();
        }
    }
}
