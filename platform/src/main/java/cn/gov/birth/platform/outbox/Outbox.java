package cn.gov.birth.platform.outbox;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.events.Correlation;
import cn.gov.birth.platform.events.EventCodec;
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

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, BirthEvent event) {
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
}
