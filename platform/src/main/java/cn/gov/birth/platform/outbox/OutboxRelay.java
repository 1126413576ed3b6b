package cn.gov.birth.platform.outbox;

import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.events.CloudEventRecords;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka and deletes them once the broker acknowledged them.
 * <p>
 * One relay per service works at a time (a transaction-scoped advisory lock), so events leave in
 * the order they were committed and facts about one application never overtake each other even
 * with several instances running; the others stand by and take over when it stops. A failed send
 * rolls back and is retried on the next round, so delivery is at least once and consumers
 * deduplicate on the event id.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, Object> kafka;
    private final FieldEncryption encryption;
    private final String source;
    private final long lockKey;
    private final int batchSize;
    private final long pollMillis;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private ScheduledExecutorService executor;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
                       FieldEncryption encryption, String serviceName, int batchSize, long pollMillis) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.encryption = encryption;
        this.source = "/birth/" + serviceName;
        this.lockKey = ("outbox-relay:" + serviceName).hashCode();
        this.batchSize = batchSize;
        this.pollMillis = pollMillis;
    }

    void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outbox-relay"));
        executor.execute(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                int sent;
                do {
                    sent = relayBatch();
                } while (sent == batchSize && running);
                wakeUps.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, retrying: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    /** Sends one batch; returns how many events left the outbox. */
    int relayBatch() {
        Integer sent = transactions.execute(status -> {
            Boolean leader = jdbc.sql("select pg_try_advisory_xact_lock(?)").param(lockKey)
                    .query(Boolean.class).single();
            if (!leader) {
                return 0;
            }
            List<Pending> rows = jdbc.sql("""
                            select id, event_id, topic, event_key, event_type, payload, traceparent, created_at
                            from outbox_event order by id limit ?""")
                    .param(batchSize)
                    .query((rs, n) -> new Pending(rs.getLong(1), CloudEventRecords.of(rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(2, UUID.class), source, rs.getTimestamp(8).toInstant(),
                            rs.getString(7), encryption.open(rs.getString(6), Outbox.PAYLOAD.place())
                                    .getBytes(StandardCharsets.UTF_8))))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            CompletableFuture.allOf(rows.stream().map(row -> kafka.send(row.record())).toArray(CompletableFuture[]::new))
                    .join();
            jdbc.sql("delete from outbox_event where id = any(?)")
                    .param(rows.stream().map(Pending::id).toArray(Long[]::new))
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(Math.max(pollMillis, 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(long id, ProducerRecord<String, Object> record) {
    }

    /** When the oldest unsent event was committed, for the outbox-lag metric; null when empty. */
    public Instant oldestPending() {
        return jdbc.sql("select min(created_at) from outbox_event").query(Timestamp.class).optional()
                .map(Timestamp::toInstant).orElse(null);
    }
}
