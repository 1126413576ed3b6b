package cn.gov.birth.application.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's time under the {@code dev} profile: the real time, moved forward by what ops asked
 * ({@link DevClockController}), so that time limits can be seen passing in a test or a demo. Every
 * zone's view of it ({@link #withZone}) follows later moves too.
 */
public final class DevClock extends Clock {

    private final Clock real;
    private final AtomicReference<Duration> ahead;

    public DevClock(Clock real) {
        this(real, new AtomicReference<>(Duration.ZERO));
    }

    private DevClock(Clock real, AtomicReference<Duration> ahead) {
        this.real = real;
        this.ahead = ahead;
    }

    /** Moves the clock forward; it never goes back but to the real time ({@link #reset}). */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        return ahead.accumulateAndGet(by, Duration::plus);
    }

    public void reset() {
        ahead.set(Duration.ZERO);
    }

    /** How far ahead of the real time it is. */
    public Duration ahead() {
        return ahead.get();
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new DevClock(real.withZone(zone), ahead);
    }

    @Override
    public Instant instant() {
        return real.instant().plus(ahead.get());
    }
}
