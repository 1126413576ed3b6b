package cn.gov.birth.platform.outbox;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.events.Correlation;
import cn.gov.birth.platform.events.EventCodec;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event as part of the caller's transaction: the event is written to the outbox
 * table beside the state it describes, and the relay sends it to Kafka once that commits.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final OutboxRelay relay;

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.relay = relay;
    }

    /**
     * Writes the event to the outbox. A final outcome of an item is also recorded, and a second
     * one for the same item is refused: that is a bug, not a state to publish.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, BirthEvent event) {
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
        jdbc.sql("""
                        insert into outbox_event (event_id, topic, event_key, event_type, payload, traceparent)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(event.eventId(), topic, event.applicationId().toString(),
                        EventTypes.typeOf(event.getClass()), EventCodec.write(event), Correlation.current())
                .update();
        // Wake the relay right after commit rather than waiting for its next poll.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    /** Whether this service already published the item's final outcome (completed, rejected, cancelled). */
    public boolean hasFinished(UUID applicationId, Item item) {
        return jdbc.sql("select count(*) from item_outcome where application_id = ? and item = ?")
                .params(applicationId, item.name())
                .query(Long.class).single() > 0;
    }
}
