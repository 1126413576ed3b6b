package cn.gov.birth.application.audit;

import cn.gov.birth.platform.audit.AuditRecorded;
import cn.gov.birth.platform.web.Page;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The auditors' copy of every service's audit entries ({@code audit_log}): stored as they arrive, searched newest first. */
@Component
public class AuditLog {

    /** One entry as an auditor sees it: which service's chain, where in it, who did what to which application. */
    public record Entry(String service, long seq, Instant at, String actor, String roles, String department,
                        String action, UUID applicationId, String detail, String prevHash, String hash) {
    }

    /** What to look for; each part that is null does not narrow. {@code from} is inclusive, {@code to} exclusive. */
    public record Query(UUID applicationId, String subject, Instant from, Instant to) {
    }

    private static final String COLUMNS =
            "service, seq, at, actor, roles, department, action, application_id, detail, prev_hash, hash";

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Keeps an entry once (the event handler runs once per event id; a redelivered copy changes
     * nothing). An entry whose hash does not match its columns was altered on its way, or forged:
     * it is refused (and so dead-lettered), never kept as if its service had written it.
     */
    public void store(AuditRecorded entry) {
        if (!entry.hash().equals(entry.entry().expectedHash())) {
            throw new IllegalArgumentException("audit entry " + entry.seq() + " of " + entry.service()
                    + " does not match its hash: refused");
        }
        jdbc.sql("insert into audit_log (event_id, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict do nothing")
                .params(entry.eventId(), entry.service(), entry.seq(), Timestamp.from(entry.at()), entry.actor(),
                        entry.roles(), entry.department(), entry.action(), entry.applicationId(), entry.detail(),
                        entry.prevHash(), entry.hash())
                .update();
    }

    public Page<Entry> search(Query query, Page.Request page) {
        List<String> conditions = new ArrayList<>(List.of("true"));
        List<Object> params = new ArrayList<>();
        if (query.applicationId() != null) {
            conditions.add("application_id = ?");
            params.add(query.applicationId());
        }
        if (query.subject() != null) {
            conditions.add("actor = ?");
            params.add(query.subject());
        }
        if (query.from() != null) {
            conditions.add("at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            conditions.add("at < ?");
            params.add(Timestamp.from(query.to()));
        }
        String where = " from audit_log where " + String.join(" and ", conditions);
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(page.size());
        paged.add(page.offset());
        return page.of(jdbc.sql("select " + COLUMNS + where + " order by at desc, service, seq desc limit ? offset ?")
                .params(paged).query(Entry.class).list(), total);
    }
}
