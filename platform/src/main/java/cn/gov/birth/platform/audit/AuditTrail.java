package cn.gov.birth.platform.audit;

import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service's audit trail ({@code audit_entry}): append-only, and tamper-evident because each
 * row's hash covers its columns and its predecessor's hash ({@link AuditEntry}). Each service keeps
 * its own chain, so no service waits on another. Who acted is the verified token's {@link Caller}
 * of the request being served (never a header); outside a request (start-up, a Kafka listener) it
 * is {@value #SYSTEM}. Each entry is also published through the outbox, in the same transaction.
 * <p>
 * An entry joins the caller's transaction (a decision and its audit row commit together) or, for a
 * read, runs in one of its own. Appends are serialized per service by a transaction-scoped advisory
 * lock, held until that transaction ends: record last in a transaction, so the lock is held briefly.
 */
public class AuditTrail {

    /** The actor of what no signed-in person did. */
    public static final String SYSTEM = "system";
    /** The advisory lock of the chain's end ("auditCha"); each service has its database to itself. */
    static final long LOCK = 0x6175646974436861L;

    /**
     * What was done and to which application (null: none); {@code detail} is ids, codes and counts only,
     * never personal data in clear (an auditor's screen and the audit topic are not places for it).
     */
    public record Entry(AuditAction action, UUID applicationId, String detail) {
    }

    static final String COLUMNS = "seq, at, actor, roles, department, action, application_id, detail, prev_hash, hash";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final String topic;
    private final String service;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, String topic, String service,
                      Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.topic = topic;
        this.service = service;
        this.clock = clock;
    }

    public void record(AuditAction action, UUID applicationId, String detail) {
        record(List.of(new Entry(action, applicationId, detail)));
    }

    /** Appends the entries in order, by the current caller, in one transaction (the caller's if there is one). */
    public void record(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Optional<Caller> caller = Caller.current();
        String actor = caller.map(Caller::subject).orElse(SYSTEM);
        String roles = caller.map(c -> c.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .orElse("");
        String department = caller.map(Caller::department).orElse(null);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select count(*) from (select pg_advisory_xact_lock(?)) locked").param(LOCK).query(Long.class)
                    .single();
            Optional<AuditEntry> last = jdbc.sql("select " + COLUMNS + " from audit_entry order by seq desc limit 1")
                    .query(AuditTrail::entry).optional();
            long seq = last.map(AuditEntry::seq).orElse(0L);
            String previous = last.map(AuditEntry::hash).orElse(AuditEntry.GENESIS);
            // As PostgreSQL keeps it (microseconds), so that the hash reads back the same.
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            for (Entry entry : entries) {
                AuditEntry row = new AuditEntry(++seq, at, actor, roles, department, entry.action().name(),
                        entry.applicationId(), entry.detail(), previous, null).sealed();
                jdbc.sql("insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(row.seq(), Timestamp.from(row.at()), row.actor(), row.roles(), row.department(),
                                row.action(), row.applicationId(), row.detail(), row.prevHash(), row.hash())
                        .update();
                outbox.publish(topic, AuditRecorded.of(service, row));
                previous = row.hash();
            }
        });
    }

    static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("roles"), rs.getString("department"), rs.getString("action"),
                rs.getObject("application_id", UUID.class), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
