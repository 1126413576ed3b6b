package cn.gov.birth.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Creates the service's own PostgreSQL database when it does not exist yet, before Flyway
 * migrates it, so that a fresh server needs no manual set-up. It connects to the maintenance
 * database {@code postgres} on the same server with the same credentials.
 */
public class DatabaseCreator implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?");

    private final DataSourceProperties properties;

    public DatabaseCreator(DataSourceProperties properties) {
        this.properties = properties;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource) {
            createIfMissing(properties.getUrl(), properties.getUsername(), properties.getPassword());
        }
        return bean;
    }

    public static void createIfMissing(String url, String user, String password) {
        Matcher matcher = url == null ? null : URL.matcher(url);
        if (matcher == null || !matcher.matches()) {
            return;
        }
        String database = matcher.group(2);
        String adminUrl = matcher.group(1) + "postgres" + (matcher.group(3) == null ? "" : matcher.group(3));
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name matched [A-Za-z0-9_]+ above, so quoting it is safe.
                create.execute("create database \"" + database + "\"");
                log.info("Created database {}", database);
            } catch (SQLException e) {
                // Another instance may have created it at the same moment.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach PostgreSQL at " + adminUrl
                    + " to create database " + database + ": " + e.getMessage(), e);
        }
    }
}
