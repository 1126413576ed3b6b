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
    private static String jdbcBase;
    private static String dbUser;
    private static String dbPassword;

    /** Points a Spring test context at a fresh database named after the test and at the broker. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        String url = freshDatabase(database);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> dbUser);
        registry.add("spring.datasource.password", () -> dbPassword);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("birth.kafka.partitions", () -> "3");
        registry.add("birth.outbox.poll-interval", () -> "PT0.1S");
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

    /** Drops and recreates the named database so that every run starts from an empty one. */
    public static synchronized String freshDatabase(String database) {
        if (jdbcBase == null) {
            if (useContainers()) {
                PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17");
                postgres.start();
                jdbcBase = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/";
                dbUser = postgres.getUsername();
                dbPassword = postgres.getPassword();
            } else {
                jdbcBase = "jdbc:postgresql://" + env("TEST_DB_HOST", "127.0.0.1") + ":"
                        + env("TEST_DB_PORT", "5432") + "/";
                dbUser = env("TEST_DB_USER", "postgres");
                dbPassword = env("TEST_DB_PASSWORD", "");
            }
        }
        try (Connection admin = DriverManager.getConnection(jdbcBase + "postgres", dbUser, dbPassword);
             Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + database + "\" with (force)");
            statement.execute("create database \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for integration tests at " + jdbcBase
                    + " (start it, or set TEST_DB_HOST/TEST_DB_PORT): " + e.getMessage(), e);
        }
        return jdbcBase + database;
    }

    private static boolean useContainers() {
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
