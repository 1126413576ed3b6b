package cn.gov.birth.platform.outbound;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends the requests of one table to partner systems, never inside a database transaction: a short
 * transaction claims due rows ({@code FOR UPDATE SKIP LOCKED}: two senders never take one row) and
 * leases them, the calls run after it on virtual threads (a slow partner holds up no other), each
 * through its partner's circuit breaker, retry and bulkhead, and once they are all done the round's
 * outcomes are written in one transaction (one commit a round, not one a request; should it fail,
 * each is written on its own, and one that still fails leaves its request due when its lease ends).
 * A sender that dies leaves its claims due again when their lease ends, so partners must deduplicate
 * on the request's id. What an answer means is the subclass's to write (the row's next state, and
 * when it is due again, if ever); a failed call is tried again after a capped exponential backoff
 * unless the subclass gives the request up. A call the open breaker did not let through is tried
 * again after that backoff without counting as an attempt; one the full bulkhead turned away (the
 * partner's calls in flight at their limit: it says nothing of the partner) at the next round.
 * <p>
 * Metrics, tagged {@code partner}: {@code birth.outbound.sent} (calls the partner answered),
 * {@code birth.outbound.failed} (calls that failed), {@code birth.outbound.retried} (requests due
 * again after a failure or a call not let through; each logged at WARN, but those the full bulkhead
 * deferred, at DEBUG), {@code birth.outbound.call} (each call's time).
 *
 * @param <R> the request, as the table's rows read
 * @param <A> the partner's answer
 */
public abstract class OutboundSender<R, A> implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboundSender.class);

    private final Outbound outbound;
    private final OutboundTable<R> table;
    private final OutboundSettings settings;

    protected OutboundSender(Outbound outbound, OutboundTable<R> table, OutboundSettings settings) {
        this.outbound = outbound;
        this.table = table;
        this.settings = settings;
    }

    /** The partner a request goes to: the name of its breaker, retry and bulkhead, and its metrics' tag. */
    protected abstract String partner(R request);

    /**
     * The call for the request, made later through the partner's breaker: it throws when the call
     * failed. Throws itself when the request cannot be sent now (tried again after the backoff).
     */
    protected abstract Callable<A> call(R request) throws Exception;

    /** The partner answered: the subclass writes what that means for the request, in the round's transaction. */
    protected abstract void answered(R request, A answer);

    /**
     * In the claim's transaction: whether the request is still to be sent. One that is not is the
     * subclass's to write (cancelled, {@linkplain #park parked}); else it is due again when its lease ends.
     */
    protected boolean wanted(R request) {
        return true;
    }

    /**
     * In the claim's transaction, the round's wanted requests as their calls are to take them, one for
     * each and in order: where a subclass reads at once what each call would otherwise read on its own.
     */
    protected List<R> prepared(List<R> requests) {
        return requests;
    }

    /**
     * After the {@code attempts}-th failed call, in the round's transaction: true when the subclass gave
     * the request up (and wrote so).
     */
    protected boolean givenUp(R request, int attempts) {
        return false;
    }

    /** The request is not to be sent again; the row is otherwise left as it is. */
    protected final void park(Object id) {
        outbound.jdbc().sql(table.park()).param(id).update();
    }

    /** A sender that is a bean works in rounds, {@code pollInterval} apart. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::sendDue, settings.pollInterval());
    }

    /** One round: claims the due requests, sends them and, when every call is done, records their outcomes. */
    public void sendDue() {
        List<Claimed<R>> due = outbound.transactions().execute(status -> claim());
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>(due.size()));
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(claimed -> calls.submit(() -> outcomes.add(send(claimed))));
        }
        record(outcomes);
    }

    private record Claimed<R>(Object id, int attempts, R request) {
    }

    /** What a call's outcome writes: the subclass's answer, a retry, or a request given up. */
    private record Outcome(Object id, String partner, Runnable write) {
    }

    private void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            outbound.transactions().executeWithoutResult(status -> outcomes.forEach(outcome -> outcome.write().run()));
        } catch (RuntimeException together) {
            log.debug("The outcomes of a round of {} failed together ({}); writing them one by one", outcomes.size(),
                    together.toString());
            for (Outcome outcome : outcomes) {
                try {
                    outbound.transactions().executeWithoutResult(status -> outcome.write().run());
                } catch (RuntimeException e) {
                    log.error("The outcome of request {} to {} is not recorded; the request is sent again when its "
                            + "lease ends", outcome.id(), outcome.partner(), e);
                }
            }
        }
    }

    private List<Claimed<R>> claim() {
        Instant now = outbound.clock().instant();
        List<Claimed<R>> wanted = outbound.jdbc().sql(table.claim())
                .params(Timestamp.from(now.plus(settings.lease())), Timestamp.from(now), settings.batchSize())
                .query((rs, row) -> new Claimed<>(rs.getObject(table.id()), rs.getInt(table.attempts()),
                        table.rows().mapRow(rs, row)))
                .list().stream().filter(claimed -> wanted(claimed.request())).toList();
        if (wanted.isEmpty()) {
            return wanted;
        }
        List<R> prepared = prepared(wanted.stream().map(Claimed::request).toList());
        return IntStream.range(0, wanted.size())
                .mapToObj(i -> new Claimed<>(wanted.get(i).id(), wanted.get(i).attempts(), prepared.get(i))).toList();
    }

    private Outcome send(Claimed<R> claimed) {
        String partner = partner(claimed.request());
        A answer;
        try {
            answer = guarded(partner, call(claimed.request()));
        } catch (BulkheadFullException e) {
            return later(claimed, partner, claimed.attempts() - 1, settings.pollInterval(), e);
        } catch (CallNotPermittedException e) {
            return later(claimed, partner, claimed.attempts() - 1, settings.backoff(claimed.attempts() - 1), e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            count("birth.outbound.failed", partner);
            Outcome retry = later(claimed, partner, claimed.attempts(), settings.backoff(claimed.attempts()), e);
            return new Outcome(claimed.id(), partner, () -> {
                if (!givenUp(claimed.request(), claimed.attempts())) {
                    retry.write().run();
                }
            });
        }
        count("birth.outbound.sent", partner);
        return new Outcome(claimed.id(), partner, () -> answered(claimed.request(), answer));
    }

    private A guarded(String partner, Callable<A> call) throws Exception {
        Timer timer = Timer.builder("birth.outbound.call").tag("partner", partner).register(outbound.meters());
        String config = settings.resilience();
        return Retry.decorateCallable(outbound.retries().retry(partner, config),
                CircuitBreaker.decorateCallable(outbound.breakers().circuitBreaker(partner, config),
                        Bulkhead.decorateCallable(outbound.bulkheads().bulkhead(partner, config),
                                () -> timer.recordCallable(call)))).call();
    }

    /** The request due again at {@code wait} from now; counted as retried once that is committed. */
    private Outcome later(Claimed<R> claimed, String partner, int attempts, Duration wait, Exception e) {
        Instant when = outbound.clock().instant().plus(wait);
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        List<Object> params = new ArrayList<>(List.of(attempts, Timestamp.from(when)));
        if (table.lastError() != null) {
            params.add(error);
        }
        params.add(claimed.id());
        return new Outcome(claimed.id(), partner, () -> {
            outbound.jdbc().sql(table.retry()).params(params).update();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count("birth.outbound.retried", partner);
                    // A full bulkhead is our own limit on calls in flight, nothing wrong with the partner: under load
                    // it defers many requests a round, which the metric counts; a line each would drown the log.
                    log.atLevel(e instanceof BulkheadFullException ? Level.DEBUG : Level.WARN)
                            .log("Request {} to {} not delivered (attempt {}), again at {}: {}", claimed.id(), partner,
                                    attempts, when, error);
                }
            });
        });
    }

    private void count(String name, String partner) {
        outbound.meters().counter(name, "partner", partner).increment();
    }
}
