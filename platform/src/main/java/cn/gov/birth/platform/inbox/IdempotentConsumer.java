package cn.gov.birth.platform.inbox;

import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.CloudEventHeaders;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.Correlation;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies an event's effect at most once per consumer: the processed-event record is written in
 * the same transaction as the effect, so a redelivery after a crash finds it and does nothing.
 * Listeners stay thin: {@code consumer.handle(record, Event.class, service::on)}; a poll's records
 * go through {@link #handleBatch} in one transaction.
 */
public class IdempotentConsumer {

    private static final Logger log = LoggerFactory.getLogger(IdempotentConsumer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String consumerName;
    private final EventCatalog catalog;

    public IdempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions, String consumerName,
                              EventCatalog catalog) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.consumerName = consumerName;
        this.catalog = catalog;
    }

    /**
     * Handles a poll's records in one transaction: one commit for the batch, not one per event (a
     * commit waits for the disk). When that fails, the records are handled again one by one, each in
     * its own transaction, so that those before the failing one are kept and the failing one is named
     * to the container's error handler (its retries, back-off and dead letters) by its index.
     */
    public <R extends ConsumerRecord<String, ?>> void handleBatch(List<R> records, Consumer<R> handler) {
        try {
            transactions.executeWithoutResult(status -> records.forEach(handler));
        } catch (RuntimeException batchFailed) {
            log.debug("A batch of {} records failed ({}); handling them one by one", records.size(),
                    batchFailed.toString());
            for (int index = 0; index < records.size(); index++) {
                try {
                    handler.accept(records.get(index));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(failed.getMessage(), failed, index);
                }
            }
        }
    }

    /** Runs {@code effect} for the record's event unless this consumer already processed it (in the caller's transaction, if any). */
    public <E> void handle(ConsumerRecord<String, ?> record, Class<E> eventClass, Consumer<? super E> effect) {
        Object event = record.value();
        if (!eventClass.isInstance(event)) {
            return;
        }
        String traceparent = CloudEventRecords.header(record.headers(), CloudEventHeaders.TRACEPARENT);
        Correlation.with(traceparent, () -> transactions.executeWithoutResult(status -> {
            int inserted = jdbc.sql("""
                            insert into processed_event (consumer, event_id) values (?, ?)
                            on conflict do nothing""")
                    .params(consumerName, catalog.idOf(event))
                    .update();
            if (inserted == 0) {
                log.debug("Skipping event {} already processed", catalog.idOf(event));
                return;
            }
            effect.accept(eventClass.cast(event));
        }));
    }
}
