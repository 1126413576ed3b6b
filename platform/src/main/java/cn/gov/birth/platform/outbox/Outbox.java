package cn.gov.birth.platform.outbox;

import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.events.Correlation;
import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.db.Columns;
import cn.gov.birth.platform.db.WrittenAtCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
    private final EventCatalog catalog;
    private final List<Check> checks;
    private final FieldEncryption encryption;
    /** A transaction's events, written in one statement as it commits; the relay is woken right after. */
    private final WrittenAtCommit<List<Row>> pending;

    public Outbox(JdbcClient jdbc, OutboxRelay relay, EventCatalog catalog, List<Check> checks,
                  FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.checks = List.copyOf(checks);
        this.encryption = encryption;
        this.pending = new WrittenAtCommit<>(ArrayList::new, this::write, relay::wakeUp);
    }

    /**
     * Writes the event to the outbox, to go to {@code topic} under its catalog key once the transaction
     * commits: its checks run and its body is sealed now, the row is written with the transaction's other
     * events as it commits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(String topic, Object event) {
        checks.forEach(check -> check.beforePublish(topic, event));
        Row row = new Row(catalog.idOf(event), topic, catalog.keyOf(event), catalog.typeOf(event),
                encryption.seal(EventCodec.mapper().writeValueAsString(event), PAYLOAD.place()),
                Correlation.current());
        pending.add(rows -> rows.add(row));
    }

    /** The rows in the order published (the relay sends by id), in one statement. */
    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into outbox_event (event_id, topic, event_key, event_type, payload, traceparent)
                        select event_id, topic, event_key, event_type, payload, traceparent
                        from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]))
                             with ordinality as row (event_id, topic, event_key, event_type, payload, traceparent, n)
                        order by n""")
                .params(Columns.of(rows, Row::eventId, UUID[]::new),
                        Columns.of(rows, Row::topic, String[]::new),
                        Columns.of(rows, Row::key, String[]::new),
                        Columns.of(rows, Row::type, String[]::new),
                        Columns.of(rows, Row::payload, String[]::new),
                        Columns.of(rows, Row::traceparent, String[]::new))
                .update();
    }

    /** An event as the outbox stores it, its body sealed. */
    private record Row(UUID eventId, String topic, String key, String type, String payload, String traceparent) {
    }
}
