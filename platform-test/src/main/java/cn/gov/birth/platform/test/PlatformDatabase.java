package cn.gov.birth.platform.test;

import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.MasterKey;
import java.time.Duration;
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
    private FieldEncryption fieldEncryption;

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

    /** The database's field encryption (AES-256-GCM), under a master key fixed for tests. */
    public synchronized FieldEncryption fieldEncryption() {
        if (fieldEncryption == null) {
            fieldEncryption = new FieldEncryption(new MasterKey("test", new byte[32]), Algorithm.AES_256_GCM, false,
                    Duration.ofSeconds(30), jdbc, transactions);
        }
        return fieldEncryption;
    }
}
