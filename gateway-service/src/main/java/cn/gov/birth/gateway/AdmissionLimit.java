package cn.gov.birth.gateway;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How many new applications {@link SubmissionAdmission} lets through at once: between a floor and
 * the configured ceiling, by how long they take (additive increase, multiplicative decrease). A
 * fixed number fits one machine only: on a slower one 32 submissions queued for the CPU for up to
 * the gateway's 10 s upstream timeout and families got 504 instead of a quick 503. A submission
 * slower than the target, failed (5xx) or abandoned lowers the limit by a quarter, at most once per
 * target interval (those admitted before the cut finish slow too), never below four; each one
 * within the target raises it by 1/limit, about one per limit's worth of fast submissions.
 */
final class AdmissionLimit {

    private static final double DECREASE = 0.75;
    private static final int FLOOR = 4;

    private final int floor;
    private final int ceiling;
    private final long targetNanos;
    private final LongSupplier nanoTime;
    private double limit;
    private long lastDecrease;

    AdmissionLimit(int ceiling, Duration target, LongSupplier nanoTime) {
        if (ceiling < 0 || target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("the ceiling must be >= 0 and the target latency positive");
        }
        this.ceiling = ceiling;
        // A few at once always: one slow submission (a pause, a restart) must not leave a quiet
        // machine refusing its next visitors.
        this.floor = Math.min(FLOOR, ceiling);
        this.targetNanos = target.toNanos();
        this.nanoTime = nanoTime;
        this.limit = ceiling;
        this.lastDecrease = nanoTime.getAsLong() - targetNanos;
    }

    synchronized int current() {
        return (int) limit;
    }

    /** A submission admitted at {@code startNanos} ended now; {@code failed}: a 5xx, or the caller went away. */
    synchronized void ended(long startNanos, boolean failed) {
        long now = nanoTime.getAsLong();
        if (failed || now - startNanos > targetNanos) {
            if (now - lastDecrease >= targetNanos) {
                limit = Math.max(floor, limit * DECREASE);
                lastDecrease = now;
            }
        } else {
            limit = Math.min(ceiling, limit + 1 / Math.max(limit, 1));
        }
    }

    long startNanos() {
        return nanoTime.getAsLong();
    }
}
