package cn.gov.birth.platform.crypto;

import cn.gov.birth.platform.TestDatabases;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A fresh database with the platform's tables ({@link TestDatabases}). */
public final class CryptoDatabase {

    public final DataSource dataSource;
    public final JdbcClient jdbc;
    public final TransactionTemplate transactions;

    public CryptoDatabase(String name) {
        dataSource = TestDatabases.fresh(name);
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

}
