package cn.gov.birth.platform;

import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Fresh databases on the tests' PostgreSQL ({@code TEST_DB_HOST}, {@code TEST_DB_PORT},
 * {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}; defaults 127.0.0.1:5432 postgres), named behind
 * {@code BIRTH_TEST_DB_PREFIX} so that parallel checkouts keep apart. The platform's own tests cannot
 * use platform-test's TestInfrastructure: that module depends on this one.
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** A new empty database called {@code name} (behind the prefix), dropped first if it exists. */
    public static DataSource fresh(String name) {
        String url = "jdbc:postgresql://" + env("TEST_DB_HOST", "127.0.0.1") + ":" + env("TEST_DB_PORT", "5432") + "/";
        String user = env("TEST_DB_USER", "postgres");
        String password = env("TEST_DB_PASSWORD", "");
        String database = env("BIRTH_TEST_DB_PREFIX", "") + name;
        SingleConnectionDataSource admin = new SingleConnectionDataSource(url + "postgres", user, password, true);
        JdbcClient.create(admin).sql("drop database if exists \"" + database + "\" with (force)").update();
        JdbcClient.create(admin).sql("create database \"" + database + "\"").update();
        admin.destroy();
        return new DriverManagerDataSource(url + database, user, password);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
