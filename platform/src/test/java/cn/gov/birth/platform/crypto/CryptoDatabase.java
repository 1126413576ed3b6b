package cn.gov.birth.platform.crypto;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fresh database with the platform's tables on the tests' PostgreSQL ({@code TEST_DB_HOST},
 * {@code TEST_DB_PORT}, {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}; defaults 127.0.0.1:5432
 * postgres), named behind {@code BIRTH_TEST_DB_PREFIX}.
 */
public final class CryptoDatabase {

    public final DataSource dataSource;
    public final JdbcClient jdbc;
    public final TransactionTemplate transactions;

    public CryptoDatabase(String name) {
        String url = "jdbc:postgresql://" + env("TEST_DB_HOST", "127.0.0.1") + ":" + env("TEST_DB_PORT", "5432") + "/";
        String user = env("TEST_DB_USER", "postgres");
        String password = env("TEST_DB_PASSWORD", "");
        String database = env("BIRTH_TEST_DB_PREFIX", "") + name;
        SingleConnectionDataSource admin = new SingleConnectionDataSource(url + "postgres", user, password, true);
        JdbcClient.create(admin).sql("drop database if exists \"" + database + "\" with (force)").update();
        JdbcClient.create(admin).sql("create database \"" + database + "\"").update();
        admin.destroy();
        dataSource = new DriverManagerDataSource(url + database, user, password);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    long keys() {
        return jdbc.sql("select count(*) from data_key").query(Long.class).single();
    }

    void forgetKeys() {
        jdbc.sql("delete from data_key").update();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
