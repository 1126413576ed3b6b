package cn.gov.birth.platform.outbox;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.events.Correlation;
import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.EventCodec;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event as part of the caller's transaction: the event is written to the outbox
 * table beside the state it describes, and the relay sends it to Kafka once that commits. Bodies are
 * stored sealed ({@link #PAYLOAD}): events carry personal data.
 */
public class Outbox {

    /** A rule every event passes before it is written, in the same transaction; it fails to refuse the event. */
    public interface Check {

        void beforePublish(String topic, Object event);
    }

    /** The outbox's event bodies, sealed for this place; a key rotation re-encrypts those not sent yet. */
    public static final EncryptedColumn PAYLOAD =
            new EncryptedColumn("outbox_event", "id", "payload", "outbox_event.payload");

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final EventCatalog catalog;
    private final List<Check> checks;
    private final FieldEncryption encryption;

    public Outbox(JdbcClient jdbc, OutboxRelay relay, EventCatalog catalog, List<Check> checks,
                  FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.catalog = catalog;
        this.checks = List.copyOf(checks);
        this.encryption = encryption;
    }

    /** Writes the event to the outbox, to go to {@code topic} under its catalog key once the transaction commits. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, Object event) {
        checks.forEach(check -> check.beforePublish(topic, event));
        jdbc.sql("""
                        insert into outbox_event (event_id, topic, event_key, event_type, payload, traceparent)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(catalog.idOf(event), topic, catalog.keyOf(event), catalog.typeOf(event),
                        encryption.seal(EventCodec.mapper().writeValueAsString(event), PAYLOAD.place()),
                        Correlation.current())
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
