package cn.gov.birth.platform.table;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bean keeping a {@link Table} of imported rows, with the lookups the rest of its service makes in
 * it. Its sealed columns are re-encrypted by a key rotation ({@link EncryptedColumns}).
 */
public abstract class Dataset implements EncryptedColumns {

    protected final JdbcClient jdbc;
    protected final ColumnProtection protection;
    private final Table table;

    /** A table without personal data. */
    protected Dataset(JdbcClient jdbc, Table table) {
        this(jdbc, null, table);
        if (!table.protectedColumns().isEmpty()) {
            throw new IllegalArgumentException(table.sqlTable() + " has sealed or indexed columns: give it the "
                    + "column protection");
        }
    }

    protected Dataset(JdbcClient jdbc, ColumnProtection protection, Table table) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.table = table;
        if (table.protectedColumns().stream().anyMatch(ProtectedColumn::indexed)) {
            protection.requireIndexKey();
        }
    }

    public Table table() {
        return table;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return table.protectedColumns().stream().filter(ProtectedColumn::sealed).map(ProtectedColumn::encryptedColumn)
                .toList();
    }

    /** The stored row of a key (values in key order) as a {@code type} whose components are named as the columns. */
    protected <T> Optional<T> byKey(Class<T> type, Object... key) {
        return jdbc.sql(table.findSql()).params(compared(table.key(), key)).query(table.rows(type, protection))
                .optional();
    }

    /**
     * The stored rows whose {@code columns} (CSV names) equal {@code values}, an indexed column
     * compared by the index of its value, as {@code type}s whose components are named as the columns.
     */
    protected <T> List<T> where(Class<T> type, List<String> columns, Object... values) {
        List<Column> compared = columns.stream().map(table::column).toList();
        return jdbc.sql("select * from " + table.sqlTable() + " where " + compared.stream()
                        .map(column -> column.comparedSql() + " = ?").collect(Collectors.joining(" and ")))
                .params(compared(compared, values)).query(table.rows(type, protection)).list();
    }

    private List<Object> compared(List<Column> columns, Object... values) {
        if (columns.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        return IntStream.range(0, values.length).mapToObj(i -> table.compared(protection, columns.get(i), values[i]))
                .toList();
    }
}
