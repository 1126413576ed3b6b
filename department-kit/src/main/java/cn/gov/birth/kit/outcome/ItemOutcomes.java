package cn.gov.birth.kit.outcome;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.outbox.Outbox;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The final outcome (completed, rejected, cancelled) a department published for each item: one
 * per item, recorded as it is published: a second one is a bug, not a state to publish.
 */
public class ItemOutcomes implements Outbox.Check {

    private final JdbcClient jdbc;

    public ItemOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforePublish(String topic, Object event) {
        if (event instanceof ItemFact fact && fact.finishes()) {
            // Once recorded, a review task still open for the item has nothing left to decide: off the staff's
            // list, in the same statement. A staff decision that ends the item marks its own task DECIDED after
            // publishing.
            long recorded = jdbc.sql("""
                            with recorded as (
                                insert into item_outcome (application_id, item, outcome) values (?, ?, ?)
                                on conflict do nothing
                                returning application_id, item),
                            closed as (
                                update review_task set status = 'CLOSED'
                                from recorded
                                where review_task.application_id = recorded.application_id
                                  and review_task.item = recorded.item
                                  and review_task.status = 'OPEN' and review_task.kind = 'REVIEW')
                            select count(*) from recorded""")
                    .params(fact.applicationId(), fact.item().name(), EventTypes.typeOf(fact.getClass()))
                    .query(Long.class).single();
            if (recorded == 0) {
                throw new IllegalStateException(fact.item() + " of application " + fact.applicationId()
                        + " already has a final outcome");
            }
        }
    }

    /** Whether this service already published the item's final outcome (asked before work on an item withdrawn meanwhile). */
    public boolean hasFinished(UUID applicationId, Item item) {
        return jdbc.sql("select count(*) from item_outcome where application_id = ? and item = ?")
                .params(applicationId, item.name())
                .query(Long.class).single() > 0;
    }
}
