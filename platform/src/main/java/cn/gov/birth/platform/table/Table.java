package cn.gov.birth.platform.table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A table kept from imported files, declared once: its name in files and paths, its SQL table,
 * its key and typed columns. The declaration reads and checks rows, stores them (an insert or,
 * for a key already there, an update of every other column), finds and counts them; a table adds
 * only what is its own: {@link #rule rules} that look beyond a row's cells, columns {@link Fixed
 * fixed} once a row has been used, a hook run as a row is stored. Columns of personal data are
 * stored as their {@link Column#sealed() sealed} value or {@link Column#indexed() index} (through a
 * {@link ColumnProtection}), and a key or an identifying column is compared by its index.
 */
public record Table(String name, String sqlTable, List<Column> key, List<Column> columns, List<Consumer<Row>> rules,
                    Fixed fixed, Consumer<Row> stored) {

    public Table {
        for (Column column : columns) {
            if (column.isProtected() && column.type() != Type.TEXT) {
                throw new IllegalArgumentException("column " + column.name() + " is sealed or indexed: it is text");
            }
            if (column.isSealed() && key.size() != 1) {
                throw new IllegalArgumentException("column " + column.name() + " is sealed: a rotation walks the rows "
                        + "of " + sqlTable + " by a one-column key");
            }
        }
        Stream.concat(key.stream(), fixed == null ? Stream.empty() : fixed.columns().stream())
                .filter(column -> column.isSealed() && !column.isIndexed()).findFirst().ifPresent(column -> {
                    throw new IllegalArgumentException("column " + column.name() + " is compared (a key or fixed "
                            + "once used) but sealed without an index");
                });
    }

    /** Cells longer than this are refused whatever the column: no reference value is that long. */
    private static final int MAX_CELL = 200;

    /** Once {@code sqlColumn} is set on a stored row, a decision has used it: {@code columns} may no longer change. */
    public record Fixed(String sqlColumn, List<Column> columns) {
    }

    /** A table {@code name} ({@code delivery-records}) kept in {@code sqlTable}, keyed by {@code key} (CSV names). */
    public static Table of(String name, String sqlTable, List<String> key, Column... columns) {
        List<Column> all = List.of(columns);
        return new Table(name, sqlTable, pick(all, key), all, List.of(), null, row -> {
        });
    }

    /** A check of a row against other data (the hospital it names must be known, say); it rejects on the row. */
    public Table rule(Consumer<Row> rule) {
        List<Consumer<Row>> more = Stream.concat(rules.stream(), Stream.of(rule)).toList();
        return new Table(name, sqlTable, key, columns, more, fixed, stored);
    }

    /**
     * Once {@code sqlColumn} is set on a stored row (a certificate number on a delivery record),
     * a decision has used the row: a file that changes one of {@code identifying} is refused.
     */
    public Table fixedOnceSet(String sqlColumn, String... identifying) {
        Fixed fixedOnce = new Fixed(sqlColumn, pick(columns, List.of(identifying)));
        return new Table(name, sqlTable, key, columns, rules, fixedOnce, stored);
    }

    /** Runs {@code hook} in the import's transaction right after each row is stored. */
    public Table onStored(Consumer<Row> hook) {
        return new Table(name, sqlTable, key, columns, rules, fixed, hook);
    }

    /** The row of a file's line: its values, and the problems of its cells and of the table's rules. */
    public Row read(CsvReader.Line line) {
        Row row = new Row(line.number(), line.cells());
        line.cells().forEach((column, text) -> {
            if (text != null && text.length() > MAX_CELL) {
                row.reject(column, "TOO_LONG", column + " 不超过" + MAX_CELL + "个字符");
            }
        });
        columns.forEach(column -> column.read(row));
        rules.forEach(rule -> rule.accept(row));
        return row;
    }

    /**
     * Rejects on a row every identifying column it would change on a stored row that a decision
     * has used; locks that stored row until the import ends, so no decision uses it meanwhile.
     */
    public void checkFixed(JdbcClient jdbc, ColumnProtection protection, Row row) {
        if (fixed == null || !row.errors().isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(compared(protection, fixed.columns(), row));
        params.addAll(compared(protection, key, row));
        jdbc.sql(fixedSql()).params(params).query(rs -> {
            for (int i = 0; i < fixed.columns().size(); i++) {
                if (rs.getBoolean(i + 1)) {
                    String column = fixed.columns().get(i).name();
                    row.reject(column, "FIXED_ONCE_USED", column + " 不能更改：该记录已用于办理（已有 " + fixed.sqlColumn() + "）");
                }
            }
        });
    }

    /** Inserts the row, or updates the stored row of its key; then runs the table's hook. */
    public void store(JdbcClient jdbc, ColumnProtection protection, Row row) {
        jdbc.sql(upsertSql()).params(columns.stream().flatMap(column -> stored(protection, column, row)).toList())
                .update();
        stored.accept(row);
    }

    /** The column of a CSV name. */
    public Column column(String name) {
        return pick(columns, List.of(name)).getFirst();
    }

    /** The columns of personal data, as they are stored. */
    public List<ProtectedColumn> protectedColumns() {
        return columns.stream().filter(Column::isProtected).map(this::protectedColumn).toList();
    }

    private ProtectedColumn protectedColumn(Column column) {
        return new ProtectedColumn(sqlTable, column.isSealed() ? key.getFirst().comparedSql() : null, column.sql(),
                column.isSealed(), column.isIndexed());
    }

    /** What {@code column}'s SQL column is compared with in a lookup by {@code value}: its index, if it has one. */
    public Object compared(ColumnProtection protection, Column column, Object value) {
        return column.isIndexed() && value != null ? protection.index((String) value) : value;
    }

    /** Maps stored rows to {@code type} (components named as the SQL columns), sealed values opened. */
    public <T> RowMapper<T> rows(Class<T> type, ColumnProtection protection) {
        List<ProtectedColumn> sealed = protectedColumns().stream().filter(ProtectedColumn::sealed).toList();
        return sealed.isEmpty() ? new DataClassRowMapper<>(type)
                : protection.rows(type, sealed.toArray(ProtectedColumn[]::new));
    }

    /** The stored row of a key (its values in key order, compared as {@link #compared}). */
    String findSql() {
        return "select " + sqlNames(columns) + " from " + sqlTable + " where " + keyCondition();
    }

    /** Whether each identifying column differs, for the stored row of a key once it is used; locks that row. */
    String fixedSql() {
        return "select " + fixed.columns().stream().map(column -> column.comparedSql() + " is distinct from ?")
                .collect(Collectors.joining(", ")) + " from " + sqlTable + " where " + keyCondition() + " and "
                + fixed.sqlColumn() + " is not null for update";
    }

    String upsertSql() {
        List<String> conflict = key.stream().map(Column::comparedSql).toList();
        String updates = columns.stream()
                .flatMap(column -> column.storedSql().stream().filter(sql -> !conflict.contains(sql))
                        .map(sql -> sql + " = " + (column.keepStored()
                                ? "coalesce(" + sqlTable + "." + sql + ", excluded." + sql + ")"
                                : "excluded." + sql)))
                .collect(Collectors.joining(", "));
        return "insert into " + sqlTable + " (" + sqlNames(columns) + ") values ("
                + columns.stream().flatMap(column -> column.storedSql().stream()).map(sql -> "?")
                .collect(Collectors.joining(", ")) + ") on conflict (" + String.join(", ", conflict) + ") "
                + (updates.isEmpty() ? "do nothing" : "do update set " + updates);
    }

    private String keyCondition() {
        return key.stream().map(column -> column.comparedSql() + " = ?").collect(Collectors.joining(" and "));
    }

    private static String sqlNames(List<Column> columns) {
        return columns.stream().flatMap(column -> column.storedSql().stream()).collect(Collectors.joining(", "));
    }

    /** A row's values of a column as stored: the value, its sealed text, its index. */
    private Stream<Object> stored(ColumnProtection protection, Column column, Row row) {
        Object value = row.value(column.name());
        if (!column.isProtected()) {
            return Stream.of(value);
        }
        String text = (String) value;
        Stream<Object> sealed = column.isSealed() ? Stream.of(protection.seal(protectedColumn(column), text))
                : Stream.empty();
        return Stream.concat(sealed, column.isIndexed() ? Stream.of(protection.index(text)) : Stream.empty());
    }

    private List<Object> compared(ColumnProtection protection, List<Column> columns, Row row) {
        return columns.stream().map(column -> compared(protection, column, row.value(column.name()))).toList();
    }

    private static List<Column> pick(List<Column> columns, List<String> names) {
        return names.stream().map(name -> columns.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No column " + name))).toList();
    }
}
