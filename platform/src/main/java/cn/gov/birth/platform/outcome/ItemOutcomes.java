package cn.gov.birth.platform.outcome;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.outbox.Outbox;
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
            int recorded = jdbc.sql("""
                            insert into item_outcome (application_id, item, outcome) values (?, ?, ?)
                            on conflict do nothing""")
                    .params(fact.applicationId(), fact.item().name(), EventTypes.typeOf(fact.getClass()))
                    .update();
            if (recorded == 0) {
                throw new IllegalStateException(fact.item() + " of application " + fact.applicationId()
                        + " already has a final outcome");
            }
        }
    }
}
