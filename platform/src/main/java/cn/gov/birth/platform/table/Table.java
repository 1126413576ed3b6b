package cn.gov.birth.platform.table;

import java.util.Collections;
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
 * fixed} once a row has been used, {@link #stagedRule rules} checked against stored data in SQL, a
 * hook run once the rows are merged. Columns of personal data are
 * stored as their {@link Column#sealed() sealed} value or {@link Column#indexed() index} (through a
 * {@link ColumnProtection}), and a key or an identifying column is compared by its index.
 */
public record Table(String name, String sqlTable, List<Column> key, List<Column> columns, List<Consumer<Row>> rules,
                    List<StagedRule> stagedRules, Fixed fixed, Consumer<JdbcClient> merged) {

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

    /** The staging table an import streams its rows into (one per session, dropped at commit): see {@link StagedRule}. */
    public static final String STAGE = "import_stage";

    /**
     * A check of the staged rows against stored data, in one SQL statement for the whole file: each
     * staged row {@code s} (its SQL columns as stored, an indexed column as its index; a cell that
     * failed its own checks null) that meets {@code condition} is rejected on {@code column} with
     * {@code code} and the message {@code messageSql} makes of it (an SQL text expression).
     */
    public record StagedRule(String column, String code, String messageSql, String condition) {
    }

    /** Once {@code sqlColumn} is set on a stored row, a decision has used it: {@code columns} may no longer change. */
    public record Fixed(String sqlColumn, List<Column> columns) {
    }

    /** A table {@code name} ({@code delivery-records}) kept in {@code sqlTable}, keyed by {@code key} (CSV names). */
    public static Table of(String name, String sqlTable, List<String> key, Column... columns) {
        List<Column> all = List.of(columns);
        return new Table(name, sqlTable, pick(all, key), all, List.of(), List.of(), null, jdbc -> {
        });
    }

    /** A check of a row's own cells together (a dose given has its time); it rejects on the row. No lookups: see {@link #stagedRule}. */
    public Table rule(Consumer<Row> rule) {
        List<Consumer<Row>> more = Stream.concat(rules.stream(), Stream.of(rule)).toList();
        return new Table(name, sqlTable, key, columns, more, stagedRules, fixed, merged);
    }

    /** A check of the rows against stored data ({@link StagedRule}), made once for the whole file. */
    public Table stagedRule(String column, String code, String messageSql, String condition) {
        List<StagedRule> more = Stream.concat(stagedRules.stream(),
                Stream.of(new StagedRule(column, code, messageSql, condition))).toList();
        return new Table(name, sqlTable, key, columns, rules, more, fixed, merged);
    }

    /**
     * A row's {@code column} must name a stored row of {@code other} (by its one-column key): a
     * delivery record's hospital is a known hospital, else the row is rejected with {@code code};
     * {@code what} names the other register in the message.
     */
    public Table references(String column, Table other, String code, String what) {
        String own = "s." + column(column).sql();
        return stagedRule(column, code,
                "'" + column + " ' || " + own + " || ' 不在" + what + "中（先导入 " + other.name() + "）'",
                own + " is not null and not exists (select 1 from " + other.sqlTable() + " o where o."
                        + other.key().getFirst().comparedSql() + " = " + own + ")");
    }

    /**
     * Once {@code sqlColumn} is set on a stored row (a certificate number on a delivery record),
     * a decision has used the row: a file that changes one of {@code identifying} is refused.
     */
    public Table fixedOnceSet(String sqlColumn, String... identifying) {
        Fixed fixedOnce = new Fixed(sqlColumn, pick(columns, List.of(identifying)));
        return new Table(name, sqlTable, key, columns, rules, stagedRules, fixedOnce, merged);
    }

    /** Runs {@code hook} in the import's transaction once its rows are merged, before it commits. */
    public Table onMerged(Consumer<JdbcClient> hook) {
        return new Table(name, sqlTable, key, columns, rules, stagedRules, fixed, hook);
    }

    /** The row of a file's line: its values, and the problems of its cells and of the table's rules. */
    public Row read(CsvReader.Line line) {
        Row row = new Row(line.number(), line.cells());
        line.cells().forEach((column, text) -> {
            if (text != null && text.length() > MAX_CELL) {
                row.reject(column, "TOO_LONG", column + " 不超过" + MAX_CELL + "个字符");
            } else if (text != null && text.chars().anyMatch(Character::isISOControl)) {
                // No register writes control characters; PostgreSQL's text refuses \u0000.
                row.reject(column, "CONTROL_CHARACTER", column + " 不能含控制字符");
            }
        });
        columns.forEach(column -> column.read(row));
        rules.forEach(rule -> rule.accept(row));
        return row;
    }

    /** Makes the session's staging table: the table's stored columns, typed as stored, and the row's line. */
    String stageSql() {
        return "create temp table " + STAGE + " on commit drop as select " + sqlNames(columns)
                + ", 0 as line, true as valid from " + sqlTable + " with no data";
    }

    /** Streams rows into the stage: the stored columns, then the line and whether the row passed its own checks. */
    String copySql() {
        return "copy " + STAGE + " (" + sqlNames(columns) + ", line, valid) from stdin";
    }

    /** A row's values as stored, in {@link #copySql()}'s column order (its line and validity excepted). */
    List<Object> storedValues(ColumnProtection protection, Row row) {
        return columns.stream().flatMap(column -> stored(protection, column, row)).toList();
    }

    /**
     * For every valid staged row whose stored row a decision has used, whether each identifying
     * column differs; locks those stored rows until the import ends, so no decision uses them meanwhile.
     */
    String fixedSql() {
        return "select s.line, " + fixed.columns().stream().map(column -> "t." + column.comparedSql()
                        + " is distinct from s." + column.comparedSql()).collect(Collectors.joining(", "))
                + " from " + STAGE + " s join " + sqlTable + " t on " + key.stream().map(column -> "t."
                        + column.comparedSql() + " = s." + column.comparedSql()).collect(Collectors.joining(" and "))
                + " where s.valid and t." + fixed.sqlColumn() + " is not null order by s.line for update of t";
    }

    /**
     * Inserts the staged rows, or updates the stored row of a key; of a key on several lines the
     * last line wins, as a file read top to bottom says.
     */
    String mergeSql() {
        String conflict = key.stream().map(Column::comparedSql).collect(Collectors.joining(", "));
        return "insert into " + sqlTable + " (" + sqlNames(columns) + ") select distinct on (" + conflict + ") "
                + sqlNames(columns) + " from " + STAGE + " order by " + conflict + ", line desc " + onConflict();
    }

    /** Stores one row outside an import (what a service itself decided): inserted, or the stored row of its key updated. */
    public void store(JdbcClient jdbc, ColumnProtection protection, Row row) {
        jdbc.sql(upsertSql()).params(storedValues(protection, row)).update();
    }

    String upsertSql() {
        return "insert into " + sqlTable + " (" + sqlNames(columns) + ") values (" + columns.stream()
                .flatMap(column -> column.storedSql().stream()).map(sql -> "?").collect(Collectors.joining(", "))
                + ") " + onConflict();
    }

    /** A row of a key already stored updates every other column, a value kept where declared. */
    private String onConflict() {
        List<String> conflict = key.stream().map(Column::comparedSql).toList();
        String updates = columns.stream()
                .flatMap(column -> column.storedSql().stream().filter(sql -> !conflict.contains(sql))
                        .map(sql -> sql + " = " + (column.keepStored()
                                ? "coalesce(" + sqlTable + "." + sql + ", excluded." + sql + ")"
                                : "excluded." + sql)))
                .collect(Collectors.joining(", "));
        return "on conflict (" + String.join(", ", conflict) + ") "
                + (updates.isEmpty() ? "do nothing" : "do update set " + updates);
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
        if (text == null) {
            return Collections.nCopies(column.storedSql().size(), (Object) null).stream();
        }
        Stream<Object> sealed = column.isSealed() ? Stream.of(protection.seal(protectedColumn(column), text))
                : Stream.empty();
        return Stream.concat(sealed, column.isIndexed() ? Stream.of(protection.index(text)) : Stream.empty());
    }

    private static List<Column> pick(List<Column> columns, List<String> names) {
        return names.stream().map(name -> columns.stream().filter(column -> column.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No column " + name))).toList();
    }
}
