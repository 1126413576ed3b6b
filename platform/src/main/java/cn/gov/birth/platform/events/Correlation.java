package cn.gov.birth.platform.events;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The W3C {@code traceparent} of the work on this thread: taken from the event being consumed, or
 * started fresh for a request, and carried on every event published meanwhile.
 */
public final class Correlation {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    public static String current() {
        String traceparent = CURRENT.get();
        return traceparent != null ? traceparent : newTraceparent();
    }

    /** Runs {@code work} with the given traceparent (a fresh one when null) as the current one. */
    public static void with(String traceparent, Runnable work) {
        String previous = CURRENT.get();
        CURRENT.set(traceparent != null ? traceparent : newTraceparent());
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String newTraceparent() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                + "-" + hex.toHexDigits(random.nextLong()) + "-01";
    }

    private Correlation() {
    }
}
