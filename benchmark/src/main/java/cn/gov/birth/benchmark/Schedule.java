package cn.gov.birth.benchmark;

import java.time.Duration;

/**
 * The open loop's timetable: submission {@code i} is due {@code i / rate} seconds after the start,
 * for as many as fit in the duration (the first at 0, none at the duration's end).
 */
record Schedule(double rate, Duration duration) {

    Schedule {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("a schedule needs a positive rate, not " + rate);
        }
    }

    /** How many submissions: rate × duration, rounded down (a little slack for 0.1 × 30 = 2.9999…). */
    long size() {
        return (long) Math.floor(rate * duration.toNanos() / 1e9 + 1e-9);
    }

    /** When submission {@code i} (from 0) is due, after the start. */
    long dueNanos(long i) {
        return Math.round(i * 1e9 / rate);
    }
}
