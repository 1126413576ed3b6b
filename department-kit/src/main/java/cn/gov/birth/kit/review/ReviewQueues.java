package cn.gov.birth.kit.review;

import cn.gov.birth.kit.outcome.ItemFacts;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Makes the department's review queue for its own context record: {@code queues.of(Certification.class)}. */
public class ReviewQueues {

    private final JdbcClient jdbc;
    private final ItemFacts facts;
    private final Clock clock;

    public ReviewQueues(JdbcClient jdbc, ItemFacts facts, Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.clock = clock;
    }

    public <C> ReviewQueue<C> of(Class<C> contextType) {
        return new ReviewQueue<>(contextType, jdbc, facts, clock);
    }
}
