package cn.gov.birth.platform.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks the service's audit chain, row by row in sequence order: each row's hash must match its
 * columns (else it was edited), its {@code prev_hash} the hash of the row before (else one was
 * replaced), and the sequence must have no gap (else one was deleted). A chain cut short at its end
 * looks intact here; the copies published on the audit topic still hold the rows that were cut.
 */
public class AuditChain {

    /** What a check found: intact (how many entries, the last hash), or the first row that is not. */
    public record Verification(boolean intact, long entries, String lastHash, Long brokenAt, String problem) {

        static Verification intact(long entries, String lastHash) {
            return new Verification(true, entries, lastHash, null, null);
        }

        static Verification broken(long seq, long entries, String problem) {
            return new Verification(false, entries, null, seq, problem);
        }
    }

    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;

    public AuditChain(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Verification verify() {
        long expected = 1;
        long after = Long.MIN_VALUE;
        String previous = AuditEntry.GENESIS;
        while (true) {
            List<AuditEntry> rows = jdbc.sql("select " + AuditTrail.COLUMNS
                            + " from audit_entry where seq > ? order by seq limit ?")
                    .params(after, BATCH).query(AuditTrail::entry).list();
            if (rows.isEmpty()) {
                return Verification.intact(expected - 1, previous);
            }
            for (AuditEntry row : rows) {
                long checked = expected - 1;
                if (row.seq() != expected) {
                    return Verification.broken(expected, checked, row.seq() > expected
                            ? "row " + expected + " is missing (the next row is " + row.seq() + ")"
                            : "row " + row.seq() + " is out of sequence (expected row " + expected + ")");
                }
                if (!row.hash().equals(row.expectedHash())) {
                    return Verification.broken(row.seq(), checked,
                            "row " + row.seq() + " was edited: its hash does not match its columns");
                }
                if (!row.prevHash().equals(previous)) {
                    return Verification.broken(row.seq(), checked,
                            "row " + row.seq() + "'s prev_hash does not match the hash of the row before it");
                }
                previous = row.hash();
                expected++;
                after = row.seq();
            }
        }
    }
}
