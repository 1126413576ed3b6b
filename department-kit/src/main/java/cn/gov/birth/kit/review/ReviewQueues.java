package cn.gov.birth.kit.review;

import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes the department's review queue for its own context record: {@code queues.of(Certification.class)}.
 * The context may name the family (ID numbers, a phone, an address): it is stored sealed, as are a
 * follow-up's words.
 */
public class ReviewQueues implements EncryptedColumns {

    static final ProtectedColumn CONTEXT = ProtectedColumn.sealed("review_task", "id", "context");
    /** A follow-up's words: the family's (a 差评's comment, a complaint) and the staff's answer. */
    static final ProtectedColumn FAMILY_TEXT = ProtectedColumn.sealed("review_task", "id", "family_text");
    static final ProtectedColumn ANSWER = ProtectedColumn.sealed("review_task", "id", "answer");

    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final ItemFacts facts;
    private final Clock clock;
    private final AuditTrail audit;

    public ReviewQueues(JdbcClient jdbc, ColumnProtection protection, ItemFacts facts, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.facts = facts;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The department's copies of the families' 差评 and complaints (their words, the staff's answers),
     * older than {@code period}: kept as long as application-service keeps the evaluations.
     */
    public static Purge followUps(Duration period) {
        return Purge.of("follow-up-tasks", "review_task", "created_at", period).where("kind <> 'REVIEW'");
    }

    public <C> ReviewQueue<C> of(Class<C> contextType) {
        return new ReviewQueue<>(contextType, jdbc, protection, facts, clock, audit);
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(CONTEXT.encryptedColumn(), FAMILY_TEXT.encryptedColumn(), ANSWER.encryptedColumn());
    }
}
