package cn.gov.birth.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one kind, and their nearest-rank percentiles. */
final class Percentiles {

    private final List<Duration> samples = Collections.synchronizedList(new ArrayList<>());

    void add(Duration sample) {
        samples.add(sample);
    }

    int count() {
        return samples.size();
    }

    /** The nearest-rank percentile ({@code p} in 0..100); zero when there are no samples. */
    Duration at(double p) {
        List<Duration> sorted;
        synchronized (samples) {
            sorted = samples.stream().sorted().toList();
        }
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    /** A copy of the samples, in the order they came. */
    List<Duration> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The count, median and 99th percentile. */
    String brief() {
        return "n=%d p50=%s p99=%s".formatted(count(), ms(at(50)), ms(at(99)));
    }

    String summary() {
        return "n=%d p50=%s p95=%s p99=%s max=%s".formatted(count(), ms(at(50)), ms(at(95)), ms(at(99)), ms(at(100)));
    }

    private static String ms(Duration d) {
        return d.toMillis() + "ms";
    }
}
