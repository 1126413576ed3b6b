package cn.gov.birth.platform.table;

import java.util.List;
import java.util.Locale;

/**
 * One column of a {@link Table}: its CSV name ({@code motherIdNumber}), its SQL name derived from
 * it ({@code mother_id_number}), its type and checks, and whether an update keeps a value already
 * stored ({@code coalesce(stored, new)}).
 */
public record Column(String name, String sql, Type type, boolean required, List<Check> checks, boolean keepStored) {

    public static Column required(String name, Check... checks) {
        return required(name, Type.TEXT, checks);
    }

    public static Column required(String name, Type type, Check... checks) {
        return new Column(name, snakeCase(name), type, true, List.of(checks), false);
    }

    public static Column optional(String name, Check... checks) {
        return optional(name, Type.TEXT, checks);
    }

    public static Column optional(String name, Type type, Check... checks) {
        return new Column(name, snakeCase(name), type, false, List.of(checks), false);
    }

    /** An update keeps a value already stored: a later file without it (or with another) never takes it back. */
    public Column keepingStored() {
        return new Column(name, sql, type, required, checks, true);
    }

    /** Reads the column's cell of the row: its value, or its first problem (the value then stays null). */
    void read(Row row) {
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
