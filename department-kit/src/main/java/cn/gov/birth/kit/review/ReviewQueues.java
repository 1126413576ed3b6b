package cn.gov.birth.kit.review;

import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.platform.audit.AuditTrail;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Makes the department's review queue for its own context record: {@code queues.of(Certification.class)}. */
public class ReviewQueues {

    private final JdbcClient jdbc;
    private final ItemFacts facts;
    private final Clock clock;
    private final AuditTrail audit;

    public ReviewQueues(JdbcClient jdbc, ItemFacts facts, Clock clock, AuditTrail audit) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.clock = clock;
        this.audit = audit;
    }

    public <C> ReviewQueue<C> of(Class<C> contextType) {
        return new ReviewQueue<>(contextType, jdbc, facts, clock, audit);
    }
}
