package cn.gov.birth.platform.inbox;

import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.CloudEventHeaders;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.Correlation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
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
     * commit waits for the disk), and one statement that records all their events as processed, not
     * one per event; each effect then runs, in the records' order, for the events newly recorded only
     * (once, even if an event came twice), after {@code prepare} was given those events (in order: to read
     * at once what the effects will need). {@code effects} tells a record's effect (empty: the service
     * takes no such event, and it is not recorded) and may throw for a record it cannot take. When the
     * batch fails, the records are handled again one by one, each in its own transaction, so that those
     * before the failing one are kept and the failing one is named to the container's error handler
     * (its retries, back-off and dead letters) by its index; they are not prepared.
     */
    public <R extends ConsumerRecord<String, ?>> void handleBatch(List<R> records,
                                                                  Function<R, Optional<Consumer<Object>>> effects,
                                                                  Consumer<List<Object>> prepare) {
        try {
            transactions.executeWithoutResult(status -> {
                List<Taken> taken = new ArrayList<>();
                for (R record : records) {
                    effects.apply(record).ifPresent(effect ->
                            taken.add(new Taken(record, catalog.idOf(record.value()), effect)));
                }
                Set<UUID> fresh = record(taken.stream().map(Taken::eventId).toList());
                List<Taken> kept = new ArrayList<>();
                for (Taken t : taken) {
                    if (fresh.remove(t.eventId())) {
                        kept.add(t);
                    } else {
                        log.debug("Skipping event {} already processed", t.eventId());
                    }
                }
                prepare.accept(kept.stream().<Object>map(t -> t.record().value()).toList());
                for (Taken t : kept) {
                    Correlation.with(CloudEventRecords.header(t.record().headers(), CloudEventHeaders.TRACEPARENT),
                            () -> t.effect().accept(t.record().value()));
                }
            });
        } catch (RuntimeException batchFailed) {
            log.debug("A batch of {} records failed ({}); handling them one by one", records.size(),
                    batchFailed.toString());
            for (int index = 0; index < records.size(); index++) {
                R record = records.get(index);
                try {
                    effects.apply(record).ifPresent(effect -> handle(record, Object.class, effect));
                } catch (RuntimeException failed) {
                    throw new BatchListenerFailedException(failed.getMessage(), failed, index);
                }
            }
        }
    }

    /** A record, its event's id and the event's effect. */
    private record Taken(ConsumerRecord<String, ?> record, UUID eventId, Consumer<Object> effect) {
    }

    /**
     * Records the events as processed by this consumer, in one statement (the one place that writes
     * {@code processed_event}), and returns those not recorded before. The rows go in in the ids' order, so that two transactions recording some of the same
     * events (a rebalance) lock them in one order and do not deadlock.
     */
    private Set<UUID> record(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        UUID[] distinct = eventIds.stream().distinct().toArray(UUID[]::new);
        return new HashSet<>(jdbc.sql("""
                        insert into processed_event (consumer, event_id)
                        select cast(? as text), event_id from unnest(cast(? as uuid[])) as ids (event_id)
                        order by event_id
                        on conflict do nothing returning event_id""")
                .params(consumerName, distinct)
                .query(UUID.class).list());
    }

    /** Runs {@code effect} for the record's event unless this consumer already processed it (in the caller's transaction, if any). */
    public <E> void handle(ConsumerRecord<String, ?> record, Class<E> eventClass, Consumer<? super E> effect) {
        Object event = record.value();
        if (!eventClass.isInstance(event)) {
            return;
        }
        String traceparent = CloudEventRecords.header(record.headers(), CloudEventHeaders.TRACEPARENT);
        UUID eventId = catalog.idOf(event);
        Correlation.with(traceparent, () -> transactions.executeWithoutResult(status -> {
            if (record(List.of(eventId)).isEmpty()) {
                log.debug("Skipping event {} already processed", eventId);
                return;
            }
            effect.accept(eventClass.cast(event));
        }));
    }
}
