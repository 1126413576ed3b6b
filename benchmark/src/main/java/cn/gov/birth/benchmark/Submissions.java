package cn.gov.birth.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The answers to the POSTs, by what was answered: an HTTP status ({@code "201"}, {@code "429"}, …)
 * or, when none came, the exception's name; each with its latency (POST → response) and whether it
 * carried {@code Retry-After}.
 */
final class Submissions {

    static final List<String> TRACKED = List.of("201", "429", "503");

    private final Map<String, Percentiles> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> retryAfter = new ConcurrentHashMap<>();
    private final AtomicInteger refiled = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();

    void record(String answer, Duration latency, boolean withRetryAfter) {
        latencies.computeIfAbsent(answer, a -> new Percentiles()).add(latency);
        if (withRetryAfter) {
            retryAfter.computeIfAbsent(answer, a -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** A refused family's form was posted again after its {@code Retry-After} (closed loop). */
    void refiled() {
        refiled.incrementAndGet();
    }

    /** A refused family was not posted again: the run, or its time to be followed, was over first (closed loop). */
    void gaveUp() {
        gaveUp.incrementAndGet();
    }

    int refiledCount() {
        return refiled.get();
    }

    int gaveUpCount() {
        return gaveUp.get();
    }

    int total() {
        return latencies.values().stream().mapToInt(Percentiles::count).sum();
    }

    int count(String answer) {
        Percentiles answered = latencies.get(answer);
        return answered == null ? 0 : answered.count();
    }

    /** Answers other than 201, 429 and 503: statuses and exceptions, with how many of each. */
    Map<String, Integer> others() {
        Map<String, Integer> others = new TreeMap<>();
        latencies.forEach((answer, answered) -> {
            if (!TRACKED.contains(answer)) {
                others.put(answer, answered.count());
            }
        });
        return others;
    }

    int otherCount() {
        return others().values().stream().mapToInt(Integer::intValue).sum();
    }

    Percentiles latencies(String answer) {
        return latencies.getOrDefault(answer, new Percentiles());
    }

    /** The latencies of every answer outside 201, 429 and 503 together. */
    Percentiles otherLatencies() {
        Percentiles all = new Percentiles();
        latencies.forEach((answer, answered) -> {
            if (!TRACKED.contains(answer)) {
                answered.samples().forEach(all::add);
            }
        });
        return all;
    }

    int withRetryAfter(String answer) {
        AtomicInteger carried = retryAfter.get(answer);
        return carried == null ? 0 : carried.get();
    }

    /** One line per answer kind: 201, 429, 503 always, then the others together. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String answer : TRACKED) {
            String line = "  %-5s %s".formatted(answer, latencies(answer).brief());
            if (!answer.equals("201")) {
                line += ", Retry-After on %d of %d".formatted(withRetryAfter(answer), count(answer));
            }
            lines.add(line);
        }
        lines.add("  %-5s %s %s".formatted("other", otherLatencies().brief(), others()));
        return lines;
    }
}
