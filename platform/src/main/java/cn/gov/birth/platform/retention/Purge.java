package cn.gov.birth.platform.retention;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Rows a service keeps for a while and then deletes, described for {@link Purges}; a service
 * contributes one as a bean:
 * <pre>{@code
 * @Bean Purge oldMessages() {
 *     return Purge.of("notifications", "notification", "created_at", Duration.ofDays(365));
 * }}</pre>
 * A row goes when its age is older than the period and it meets the condition; rows that belong to
 * it in other tables ({@link #alsoFrom}) go in the same statement, keyed by its {@link #keyedBy key}.
 *
 * @param name       names the purge in logs and metrics
 * @param table      the table (optionally {@code schema.table})
 * @param key        what identifies a row and its dependents' rows: a column, or {@code ctid} (the
 *                   default) for a table without dependents
 * @param age        when the row's period starts: a timestamp column, or an SQL expression on the
 *                   table's columns (a subquery may name the table)
 * @param condition  what a row must also meet to go, an SQL condition on the table's columns that may
 *                   use {@code :cutoff} (the instant before which rows are expired); {@code true}: none
 * @param period     how long a row is kept after its age
 * @param dependents rows of other tables that go with a row: those whose column holds its key
 */
public record Purge(String name, String table, String key, String age, String condition, Duration period,
                    List<Dependent> dependents) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern TABLE = Pattern.compile(NAME + "(\\." + NAME + ")?");

    /** Rows of {@code table} whose {@code column} holds the purged row's key. */
    public record Dependent(String table, String column) {

        public Dependent {
            check(table, TABLE, "dependent table");
            check(column, NAME, "dependent column");
        }
    }

    /**
     * What a service still needs of another's purge: rows of purge {@code purge} that meet
     * {@code condition} (SQL on that table's columns) stay, whatever their age.
     */
    public record Keep(String purge, String condition) {

        public Keep {
            Objects.requireNonNull(purge, "purge");
            Objects.requireNonNull(condition, "condition");
        }
    }

    public Purge {
        check(name, Pattern.compile("[a-z0-9-]+"), "name");
        check(table, TABLE, "table");
        check(key, NAME, "key");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(condition, "condition");
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period of purge " + name + " is positive, not " + period);
        }
        dependents = List.copyOf(dependents);
        if (!dependents.isEmpty() && key.equals("ctid")) {
            throw new IllegalArgumentException("purge " + name + " has dependents: its key is a column, not ctid");
        }
    }

    /** The rows of {@code table} whose {@code age} is older than {@code period}. */
    public static Purge of(String name, String table, String age, Duration period) {
        return new Purge(name, table, "ctid", age, "true", period, List.of());
    }

    /** The same rows, those meeting {@code condition} only. */
    public Purge where(String condition) {
        return new Purge(name, table, key, age, condition, period, dependents);
    }

    /** The same rows, those meeting {@code more} too. */
    public Purge and(String more) {
        return where("(" + condition + ") and (" + more + ")");
    }

    /** The same rows, but for those one of {@code keeps} (of this purge) still needs. */
    public Purge keeping(List<Keep> keeps) {
        Purge kept = this;
        for (Keep keep : keeps) {
            kept = keep.purge().equals(name) ? kept.and("not (" + keep.condition() + ")") : kept;
        }
        return kept;
    }

    /** The same rows, identified by {@code column}, with their rows in other tables. */
    public Purge keyedBy(String column, Dependent... more) {
        return new Purge(name, table, column, age, condition, period, List.of(more));
    }

    /**
     * One batch: at most {@code :limit} expired rows (rows other transactions hold are skipped), their
     * dependents first, in one statement (a foreign key is checked at its end), counting the rows of
     * {@code table}. Parameters: {@code :cutoff}, {@code :limit}.
     */
    String statement() {
        String doomed = "array(select key from doomed)";
        return "with doomed as (select %s as key from %s where %s < :cutoff and (%s) limit :limit for update skip locked)"
                .formatted(key, table, age, condition)
                + IntStream.range(0, dependents.size()).mapToObj(i -> ", dependent%d as (delete from %s where %s = any(%s))"
                        .formatted(i, dependents.get(i).table(), dependents.get(i).column(), doomed))
                .collect(Collectors.joining())
                + " delete from %s where %s = any(%s)".formatted(table, key, doomed);
    }

    // Names go into SQL: plain identifiers only (the age and condition are the code's own SQL).
    private static void check(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("a purge's " + what + " matches " + pattern + ", not " + value);
        }
    }
}
