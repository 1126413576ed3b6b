package cn.gov.birth.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL and a real Kafka broker for integration tests, started once per test JVM.
 * <p>
 * Where a Docker engine answers, both run in Testcontainers; otherwise the local PostgreSQL
 * ({@code TEST_DB_HOST}, {@code TEST_DB_PORT}, {@code TEST_DB_USER}, defaults 127.0.0.1:5432
 * postgres) and a KRaft broker inside the test JVM. {@code BIRTH_TEST_INFRA=local} or
 * {@code =containers} forces the choice.
 */
public final class TestInfrastructure {

    private static String kafkaBootstrap;
    private static DatabaseServer database;

    /** Points a Spring test context at a fresh database named after the test and at the broker. */
    public static void register(DynamicPropertyRegistry registry, String databaseName) {
        String url = freshDatabase(databaseName);
        DatabaseServer server = databaseServer();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", server::user);
        registry.add("spring.datasource.password", server::password);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("birth.kafka.partitions", () -> "3");
        registry.add("birth.outbox.poll-interval", () -> "PT0.1S");
        // Offsets committed by time as in production, at an interval that keeps awaitQuiet short.
        registry.add("birth.kafka.commit-interval", () -> "PT0.1S");
        // The local token key and secrets the tests sign with (Tokens, PartnerCalls).
        registry.add("birth.security.local-dir", () -> Tokens.DIR.toAbsolutePath().toString());
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            if (useContainers()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
                kafka.start();
                kafkaBootstrap = kafka.getBootstrapServers();
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
                broker.brokerProperty("auto.create.topics.enable", "false");
                broker.afterPropertiesSet();
                kafkaBootstrap = broker.getBrokersAsString();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
            }
        }
        return kafkaBootstrap;
    }

    /** The PostgreSQL server the tests use, started (in a container) on first use. */
    public static synchronized DatabaseServer databaseServer() {
        if (database == null) {
            if (useContainers()) {
                PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
                postgres.start();
                database = new DatabaseServer(postgres.getHost(), postgres.getMappedPort(5432),
                        postgres.getUsername(), postgres.getPassword());
            } else {
                database = new DatabaseServer(env("TEST_DB_HOST", "127.0.0.1"),
                        Integer.parseInt(env("TEST_DB_PORT", "5432")), env("TEST_DB_USER", "postgres"),
                        env("TEST_DB_PASSWORD", ""));
            }
        }
        return database;
    }

    /**
     * The database a test names, behind {@code BIRTH_TEST_DB_PREFIX} when set, so that two builds
     * (two checkouts, say) can run their tests on one PostgreSQL at the same time.
     */
    public static String databaseName(String name) {
        return env("BIRTH_TEST_DB_PREFIX", "") + name;
    }

    /** Drops and recreates the named database so that every run starts from an empty one. */
    public static synchronized String freshDatabase(String testName) {
        String name = databaseName(testName);
        DatabaseServer server = databaseServer();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(),
                server.password());
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + name + "\" with (force)");
            statement.execute("create database \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for integration tests at " + server.host() + ":"
                    + server.port() + " (start it, or set TEST_DB_HOST/TEST_DB_PORT): " + e.getMessage(), e);
        }
        return server.jdbcUrl(name);
    }

    /** Where the tests' PostgreSQL listens and how to log in. */
    public record DatabaseServer(String host, int port, String user, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    /** Whether the tests' PostgreSQL and Kafka run in containers rather than on this machine. */
    public static boolean useContainers() {
        String forced = System.getenv("BIRTH_TEST_INFRA");
        if ("local".equals(forced)) {
            return false;
        }
        if ("containers".equals(forced)) {
            return true;
        }
        if (System.getenv("DOCKER_HOST") == null && !new java.io.File("/var/run/docker.sock").exists()) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private TestInfrastructure() {
    }
}
