package cn.gov.birth.platform.outbound;

import static java.util.stream.Collectors.joining;

import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/**
 * Where requests of one kind wait to be sent, one row a request, described for
 * {@link OutboundSender}. Each kind keeps its own table, columns and constraints (what a request
 * carries is its own); the sender keeps only these columns: the state (a row is sent while its
 * state is one of {@code dueStates} and its next attempt is due), the attempts so far, when the next
 * one may be made, and the last error ({@code null}: the table keeps none).
 *
 * @param rows reads a claimed row (all its columns) as the request
 */
public record OutboundTable<R>(String table, String id, String state, List<String> dueStates, String attempts,
                               String nextAttemptAt, String lastError, RowMapper<R> rows) {

    /** Leases the due rows to one sender, counting the attempt; rows other senders are claiming are skipped. */
    String claim() {
        return """
                update %1$s set %2$s = %2$s + 1, %3$s = ?
                where %4$s in (select %4$s from %1$s where %5$s and %3$s <= ?
                               order by %3$s limit ? for update skip locked)
                returning *""".formatted(table, attempts, nextAttemptAt, id, due());
    }

    /** Sets the attempts and the next attempt (and the error) of a row still waiting to be sent. */
    String retry() {
        return "update %s set %s = ?, %s = ?%s where %s = ? and %s".formatted(table, attempts, nextAttemptAt,
                lastError == null ? "" : ", " + lastError + " = ?", id, due());
    }

    String park() {
        return "update %s set %s = 'infinity' where %s = ?".formatted(table, nextAttemptAt, id);
    }

    /** Literal states (constants of the code), so that a partial index on them serves the claim. */
    private String due() {
        return state + " in (" + dueStates.stream().map(s -> "'" + s.replace("'", "''") + "'").collect(joining(", "))
                + ")";
    }
}
