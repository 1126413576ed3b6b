package cn.gov.birth.kit.review;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Makes the department's review queue for its own context record: {@code queues.of(Certification.class)}. */
public class ReviewQueues {

    private final Department department;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    public ReviewQueues(Department department, JdbcClient jdbc, Outbox outbox, ItemOutcomes outcomes, Clock clock) {
        this.department = department;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public <C> ReviewQueue<C> of(Class<C> contextType) {
        return new ReviewQueue<>(department, contextType, jdbc, outbox, outcomes, clock);
    }
}
