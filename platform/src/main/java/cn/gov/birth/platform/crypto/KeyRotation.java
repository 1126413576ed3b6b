package cn.gov.birth.platform.crypto;

import cn.gov.birth.security.crypto.FieldCipher;
import cn.gov.birth.security.crypto.FieldCryptoException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotates the service's field-encryption data key: makes a new active key, then re-encrypts under
 * it every value of the declared {@link EncryptedColumn}s that is under another key, in batches of
 * short transactions (so the service keeps working), and encrypts values left in the clear while
 * {@code birth.crypto.accept-plaintext} is on. Re-encrypting is idempotent and resumable: it only
 * touches what is not under the active key yet, so running it again after an interruption finishes
 * the work. Values that do not read (altered, under a key that is gone, in the clear while plaintext
 * is not accepted) are counted and left as they are. Logs ids and counts, never values. One rotation
 * at a time across all instances of the service (a session advisory lock on a connection of its
 * own): two at once would each re-encrypt what the other just moved.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /**
     * What a rotation did to one column.
     *
     * @param reencrypted values moved from an older key to the active one
     * @param encrypted   values that were in the clear and are encrypted now
     * @param unreadable  values left as they were: they do not decrypt, or are in the clear while
     *                    plaintext is not accepted
     */
    public record ColumnCount(String table, String column, long reencrypted, long encrypted, long unreadable) {
    }

    /** What a rotation did, under which active key. */
    public record Report(String activeKeyId, List<ColumnCount> columns) {
    }

    /** How many values of a column are not under the active key (encrypted under older ones, or in the clear). */
    public record Pending(String table, String column, long notUnderActiveKey) {
    }

    private record Batch(int rows, Object lastId, long reencrypted, long encrypted, long unreadable) {
    }

    /** Another instance (or call) is rotating or re-encrypting right now. */
    public static final class RotationRunning extends RuntimeException {

        RotationRunning() {
            super("a field-key rotation is running in another instance of this service: try again when it ended");
        }
    }

    private static final long LOCK = 0x6669656c646b6579L; // "fieldkey"

    private final FieldEncryption encryption;
    private final List<EncryptedColumn> columns;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final MeterRegistry meters;

    /** @param meters where to count re-encrypted values ({@code birth.crypto.reencrypted}); null: nowhere */
    public KeyRotation(FieldEncryption encryption, List<EncryptedColumn> columns, DataSource dataSource,
                       TransactionTemplate transactions, int batchSize, MeterRegistry meters) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a rotation's batch size is at least 1, not " + batchSize);
        }
        this.encryption = encryption;
        this.columns = List.copyOf(columns);
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.batchSize = batchSize;
        this.meters = meters;
    }

    /** Makes a new active data key, then {@link #reencrypt re-encrypts} every declared column under it. */
    public Report rotate() {
        return exclusively(() -> {
            encryption.rotate();
            return reencryptAll();
        });
    }

    /** Re-encrypts under the active key what is not under it yet: finishes an interrupted rotation. */
    public Report reencrypt() {
        return exclusively(this::reencryptAll);
    }

    private Report exclusively(Supplier<Report> work) {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!tryLock(lockHolder, "select pg_try_advisory_lock(?)")) {
                throw new RotationRunning();
            }
            try {
                return work.get();
            } finally {
                tryLock(lockHolder, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the rotation lock could not be taken or given back", e);
        }
    }

    private static boolean tryLock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private Report reencryptAll() {
        String activeId = encryption.activeKeyId();
        List<ColumnCount> counts = new ArrayList<>();
        for (EncryptedColumn column : columns) {
            counts.add(reencrypt(column, encryption.activePrefix()));
        }
        log.info("Field-encryption data key {}: {}", activeId, counts);
        return new Report(activeId, counts);
    }

    /**
     * The declared columns holding a value in the clear (one from before the column was sealed):
     * while plaintext is not accepted such a value cannot be read, and the service must not start.
     */
    public List<String> columnsWithClearValues() {
        return columns.stream().filter(column -> jdbc.sql("select exists (select 1 from " + column.table() + " where "
                        + column.column() + " is not null and not starts_with(" + column.column() + ", :prefix))")
                        .param("prefix", FieldCipher.PREFIX).query(Boolean.class).single())
                .map(EncryptedColumn::name).toList();
    }

    /** Per declared column, how many values are not under the active key. */
    public List<Pending> pending() {
        String prefix = encryption.activePrefix();
        return columns.stream().map(column -> new Pending(column.table(), column.column(),
                jdbc.sql("select count(*) from " + column.table() + " where " + column.column()
                                + " is not null and not starts_with(" + column.column() + ", :prefix)")
                        .param("prefix", prefix).query(Long.class).single())).toList();
    }

    private ColumnCount reencrypt(EncryptedColumn column, String prefix) {
        long reencrypted = 0;
        long encrypted = 0;
        long unreadable = 0;
        Object after = null;
        while (true) {
            Object from = after;
            Batch batch = transactions.execute(status -> batch(column, prefix, from));
            reencrypted += batch.reencrypted();
            encrypted += batch.encrypted();
            unreadable += batch.unreadable();
            if (batch.rows() < batchSize) {
                break;
            }
            after = batch.lastId();
        }
        if (meters != null) {
            Counter.builder("birth.crypto.reencrypted").description("Values a key rotation re-encrypted or encrypted")
                    .tags("table", column.table(), "column", column.column()).register(meters)
                    .increment(reencrypted + encrypted);
        }
        if (unreadable > 0) {
            log.warn("{} values of {} are not under data key {} and could not be re-encrypted (they do not decrypt, "
                    + "or are in the clear while birth.crypto.accept-plaintext is off)", unreadable, column.name(),
                    encryption.activeKeyId());
        }
        return new ColumnCount(column.table(), column.column(), reencrypted, encrypted, unreadable);
    }

    /** One batch of rows after {@code after} (in id order) not under the active key, locked while it is rewritten. */
    private Batch batch(EncryptedColumn column, String prefix, Object after) {
        String id = column.idColumn();
        String value = column.column();
        List<Map<String, Object>> rows = jdbc.sql("select " + id + " as id, " + value + " as value from "
                        + column.table() + " where " + value + " is not null and not starts_with(" + value
                        + ", :prefix)" + (after == null ? "" : " and " + id + " > :after") + " order by " + id
                        + " limit :limit for update")
                .param("prefix", prefix).param("limit", batchSize)
                .params(after == null ? Map.of() : Map.of("after", after))
                .query().listOfRows();
        long reencrypted = 0;
        long encrypted = 0;
        long unreadable = 0;
        for (Map<String, Object> row : rows) {
            String text = (String) row.get("value");
            boolean sealed = encryption.isSealed(text);
            String again;
            try {
                again = encryption.seal(encryption.open(text, column.place()), column.place());
            } catch (FieldCryptoException e) {
                unreadable++;
                log.warn("{} of row {}: {}", column.name(), row.get("id"), e.getMessage());
                continue;
            }
            jdbc.sql("update " + column.table() + " set " + value + " = :value where " + id + " = :id")
                    .param("value", again).param("id", row.get("id")).update();
            if (sealed) {
                reencrypted++;
            } else {
                encrypted++;
            }
        }
        return new Batch(rows.size(), rows.isEmpty() ? null : rows.getLast().get("id"), reencrypted, encrypted,
                unreadable);
    }
}
