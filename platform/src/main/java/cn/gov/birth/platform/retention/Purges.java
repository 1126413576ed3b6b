package cn.gov.birth.platform.retention;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every {@link Purge} of the service, every {@code purgeInterval}: each deletes its expired rows
 * in batches of short transactions until none is left, so a run never holds many locks for long.
 * One instance of the service purges at a time (a session advisory lock on a connection of its own,
 * held for the run); the others skip the run. Counts rows purged per purge
 * ({@code birth.retention.purged}, tag {@code purge}) and logs one line per run with the counts.
 */
public class Purges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Purges.class);
    private static final long LOCK = 0x7075726765730000L; // "purges"
    // The first run waits a little: a starting service has other work first.
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final List<Purge> purges;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int batchSize;
    private final Duration interval;
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopping;

    public Purges(List<Purge> purges, DataSource dataSource, TransactionTemplate transactions, MeterRegistry meters,
                  Clock clock, int batchSize, Duration interval) {
        this.purges = List.copyOf(purges);
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.batchSize = batchSize;
        this.interval = interval;
    }

    /**
     * One run of every purge: the rows purged per purge, or nothing when another instance is running
     * them. A purge that fails is logged and tried again next run; the others still run.
     */
    public Optional<Map<String, Long>> run() {
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!lock(lockHolder, "select pg_try_advisory_lock(?)")) {
                log.debug("Purges skipped: another instance is running them");
                return Optional.empty();
            }
            try {
                return Optional.of(runAll());
            } finally {
                lock(lockHolder, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the purge lock could not be taken or given back", e);
        }
    }

    private Map<String, Long> runAll() {
        long started = System.nanoTime();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Purge purge : purges) {
            try {
                counts.put(purge.name(), purge(purge));
            } catch (RuntimeException e) {
                log.warn("Purge {} failed, tried again next run: {}", purge.name(), e.toString());
            }
        }
        log.info("Purged expired rows in {} ms: {}", Duration.ofNanos(System.nanoTime() - started).toMillis(), counts);
        return counts;
    }

    private long purge(Purge purge) {
        Timestamp cutoff = Timestamp.from(cutoff(purge));
        String statement = purge.statement();
        Counter purged = Counter.builder("birth.retention.purged").description("Expired rows deleted by a purge")
                .tag("purge", purge.name()).register(meters);
        long total = 0;
        int deleted;
        do {
            deleted = transactions.execute(status -> jdbc.sql(statement).param("cutoff", cutoff)
                    .param("limit", batchSize).update());
            purged.increment(deleted);
            total += deleted;
        } while (deleted >= batchSize && !stopping);
        return total;
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    @Override
    public void start() {
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "purges"));
        executor.scheduleWithFixedDelay(this::runQuietly, FIRST_RUN.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Purges failed, tried again in {}: {}", interval, e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        stopping = true;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** The instant before which a purge's rows are expired, now. */
    private Instant cutoff(Purge purge) {
        return clock.instant().minus(purge.period());
    }
}
