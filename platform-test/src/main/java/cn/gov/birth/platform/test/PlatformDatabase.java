package cn.gov.birth.platform.test;

import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The platform's own tables ({@code db/platform}), and those of the given further migration
 * folders, in a fresh database of the tests' PostgreSQL, without a service around them.
 */
public final class PlatformDatabase {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public PlatformDatabase(String name, String... moreMigrations) {
        var server = TestInfrastructure.databaseServer();
        dataSource = new DriverManagerDataSource(TestInfrastructure.freshDatabase(name), server.user(),
                server.password());
        Flyway.configure().dataSource(dataSource)
                .locations(Stream.concat(Stream.of("classpath:db/platform"), Stream.of(moreMigrations))
                        .toArray(String[]::new))
                .load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public TransactionTemplate transactions() {
        return transactions;
    }
}
