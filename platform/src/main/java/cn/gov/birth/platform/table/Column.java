package cn.gov.birth.platform.table;

import java.util.List;
import java.util.Locale;

/**
 * One column of a {@link Table}: its CSV name ({@code motherIdNumber}), its SQL name derived from
 * it ({@code mother_id_number}), its type and checks, whether an update keeps a value already
 * stored ({@code coalesce(stored, new)}), and whether it holds personal data kept {@link #sealed()
 * sealed} or {@link #indexed() indexed} ({@link ProtectedColumn}).
 */
public record Column(String name, String sql, Type type, boolean required, List<Check> checks, boolean keepStored,
                     boolean isSealed, boolean isIndexed) {

    public static Column required(String name, Check... checks) {
        return required(name, Type.TEXT, checks);
    }

    public static Column required(String name, Type type, Check... checks) {
        return new Column(name, snakeCase(name), type, true, List.of(checks), false, false, false);
    }

    public static Column optional(String name, Check... checks) {
        return optional(name, Type.TEXT, checks);
    }

    public static Column optional(String name, Type type, Check... checks) {
        return new Column(name, snakeCase(name), type, false, List.of(checks), false, false, false);
    }

    /** An update keeps a value already stored: a later file without it (or with another) never takes it back. */
    public Column keepingStored() {
        return new Column(name, sql, type, required, checks, true, isSealed, isIndexed);
    }

    /** Read back (sent to a partner, shown to its owner): stored sealed in its SQL column. */
    public Column sealed() {
        return new Column(name, sql, type, required, checks, keepStored, true, isIndexed);
    }

    /**
     * Looked up or compared by its value (an ID number): its blind index is stored in {@code <sql>_index}
     * and lookups compare the index of the value asked for; alone, the value itself is not stored.
     */
    public Column indexed() {
        return new Column(name, sql, type, required, checks, keepStored, isSealed, true);
    }

    boolean isProtected() {
        return isSealed || isIndexed;
    }

    /** The SQL columns it is stored in: its own, its index, or both. */
    List<String> storedSql() {
        String index = sql + "_index";
        return isSealed && isIndexed ? List.of(sql, index) : isIndexed ? List.of(index) : List.of(sql);
    }

    /** The SQL column a lookup or an identity check compares: its index when it has one. */
    String comparedSql() {
        if (isSealed && !isIndexed) {
            throw new IllegalStateException("column " + name + " is sealed without an index: it cannot be compared");
        }
        return isIndexed ? sql + "_index" : sql;
    }

    /** Reads the column's cell of the row: its value, or its first problem (the value then stays null). */
    void read(Row row) {
        if (row.rejected(name)) {
            return;
        }
        String text = row.text(name);
        if (text == null) {
            if (required) {
                row.reject(name, "REQUIRED", name + " 不能为空");
            }
            return;
        }
        Object value;
        try {
            value = type.parse().apply(text);
        } catch (RuntimeException e) {
            row.reject(name, type.code(), name + " " + type.expected());
            return;
        }
        checks.stream().filter(check -> !check.test().test(text)).findFirst().ifPresentOrElse(
                check -> row.reject(name, check.code(), name + " " + check.expected()),
                () -> row.set(name, value));
    }

    private static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
