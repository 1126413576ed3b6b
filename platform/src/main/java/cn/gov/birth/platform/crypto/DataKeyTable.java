package cn.gov.birth.platform.crypto;

import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.DataKey;
import cn.gov.birth.security.crypto.FieldCryptoException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's data keys in its own database ({@code data_key}), wrapped. Instances that add one
 * take a transaction-scoped advisory lock first, so two starting at once make one first key, and
 * the order of activation is the order of the inserts.
 */
final class DataKeyTable {

    /** The advisory lock of the data keys ("fieldKey"); each service has its database to itself. */
    private static final long LOCK = 0x6669656c644b6579L;
    private static final String COLUMNS = "id, algorithm, wrapped, master_key_id, created_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    DataKeyTable(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Every stored key, in the order they were activated: the last one is the active one. */
    List<DataKey> all() {
        return jdbc.sql("select " + COLUMNS + " from data_key order by activated_at, id").query(DataKeyTable::key)
                .list();
    }

    Optional<DataKey> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from data_key where id = ?").param(id).query(DataKeyTable::key)
                .optional();
    }

    /** The id of the key activated last; empty while there is none. */
    Optional<String> activeId() {
        return jdbc.sql("select id from data_key order by activated_at desc, id desc limit 1").query(String.class)
                .optional();
    }

    /**
     * The stored keys, after storing the one {@code first} makes if there were none: under the
     * lock, so that of instances starting at once only one makes it and the others read it.
     */
    List<DataKey> allOrFirst(Supplier<DataKey> first) {
        List<DataKey> keys = all();
        if (!keys.isEmpty()) {
            return keys;
        }
        return transactions.execute(status -> {
            lock();
            List<DataKey> again = all();
            if (!again.isEmpty()) {
                return again;
            }
            DataKey key = first.get();
            insertLocked(key);
            return List.of(key);
        });
    }

    /** Stores a new key as the active one. */
    void insert(DataKey key) {
        transactions.executeWithoutResult(status -> {
            lock();
            insertLocked(key);
        });
    }

    private void lock() {
        jdbc.sql("select count(*) from (select pg_advisory_xact_lock(?)) locked").param(LOCK).query(Long.class)
                .single();
    }

    private void insertLocked(DataKey key) {
        jdbc.sql("""
                        insert into data_key (id, algorithm, wrapped, master_key_id, created_at, activated_at)
                        values (?, ?, ?, ?, ?, clock_timestamp())""")
                .params(key.id(), key.algorithm().name(), key.wrapped(), key.masterKeyId(),
                        Timestamp.from(key.created()))
                .update();
    }

    private static DataKey key(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        Algorithm algorithm;
        try {
            algorithm = Algorithm.valueOf(rs.getString("algorithm"));
        } catch (IllegalArgumentException e) {
            throw new FieldCryptoException("data key '" + id + "' has an unknown algorithm: "
                    + rs.getString("algorithm"));
        }
        return new DataKey(id, algorithm, rs.getBytes("wrapped"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("master_key_id"));
    }
}
