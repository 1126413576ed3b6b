package cn.gov.birth.benchmark;

import cn.gov.birth.benchmark.Follower.Outcome;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a run measured, as the lines it prints; the last is one machine-readable {@code summary:}
 * line of {@code name=value} pairs.
 *
 * @param families    families the run could submit
 * @param start       when the first POST went (this machine's clock, which is also the platform's)
 * @param window      how long submitting lasted: the open loop's duration, or until the clients stopped
 * @param ranOut      the closed loop ran out of families before its duration was over
 * @param scheduleLag open loop: how late each POST left against its schedule
 * @param windowCpu   CPU over the submit window
 * @param runCpu      CPU from the start until every application was final (or timed out)
 * @param run         from the start until every application was final (or timed out)
 */
record Report(Plan plan, int families, Instant start, Duration window, boolean ranOut, Submissions submissions,
              List<Outcome> outcomes, Percentiles scheduleLag, CpuMeter.Usage windowCpu, CpuMeter.Usage runCpu,
              Follower.Following following, Duration run) {

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        double windowSeconds = seconds(window);
        lines.add("run: " + plan.describe());
        lines.add("submitted: %d POSTs in %s s, of %d families signed in%s".formatted(submissions.total(),
                decimal(windowSeconds), families,
                plan.openLoop() ? " (left late against the schedule: p99 %s, max %s)".formatted(
                        ms(scheduleLag.at(99)), ms(scheduleLag.at(100))) : ""));
        if (ranOut) {
            lines.add("warning: the data set ran out of families after %s s of the %s s asked: the window is shorter "
                    .formatted(decimal(windowSeconds), Plan.seconds(plan.duration()))
                    + "(generate more: DEMO_FAMILIES, or --limit)");
        }
        lines.add("submission (POST -> response), by answer:");
        lines.addAll(submissions.lines());
        if (!plan.openLoop()) {
            lines.add(("refused with Retry-After: %d POSTs were the same family again after the wait, %d families "
                    + "not posted again (the run or --timeout was over first)").formatted(submissions.refiledCount(),
                    submissions.gaveUpCount()));
        }

        lines.add("final states: %s".formatted(statuses()));
        lines.add("POST -> completed, platform clock (completedAt - submittedAt): " + platformLatency().summary());
        lines.add("POST sent -> completedAt (also the time before intake, in the gateway): "
                + latencies(Outcome::sentToCompleted).summary());
        lines.add("POST sent -> seen final (every final state; by a poll, late by up to its interval): "
                + latencies(Outcome::observed).summary());
        long completed = completed();
        long inWindow = completedInWindow();
        Duration last = lastCompletion();
        lines.add("completed: %d within the submit window (%s/s over %s s); %d in total, the last %s s after the first POST (%s/s)"
                .formatted(inWindow, decimal(perSecond(inWindow, windowSeconds)), decimal(windowSeconds), completed,
                        decimal(seconds(last)), decimal(perSecond(completed, seconds(last)))));
        if (plan.live()) {
            lines.add("following: %d status streams (%d failed or ended before a final status, then polled)"
                    .formatted(following.streams(), following.failedStreams()));
        }
        lines.add(("following: %d GETs (%s/s over %s s, at most %s/s), %d answered 304 (unchanged), "
                + "%d failed or not 200/304").formatted(following.polls(), decimal(perSecond(following.polls(),
                seconds(run))), decimal(seconds(run)), decimal(plan.pollRate()), following.unchanged(),
                following.failedPolls()));
        lines.addAll(cpu("submit window", windowCpu, inWindow));
        lines.addAll(cpu("whole run, to the last final state", runCpu, completed));
        lines.addAll(coresByProcess());
        lines.add(summary());
        return lines;
    }

    private List<String> cpu(String what, CpuMeter.Usage usage, long completed) {
        return List.of(
                "CPU over the %s (%s s, %d cores, /proc/stat at %d jiffies/s):".formatted(what,
                        decimal(usage.seconds()), usage.machine().cores(), ProcStat.CLK_TCK),
                "  machine: %s%% busy (%s cores), %s ms per completed application".formatted(
                        decimal(usage.busyPercent()), decimal(usage.cores(usage.machine().busy())),
                        decimal(usage.millisPer(completed, false))),
                "  machine less the benchmark's own process: %s%% busy (%s cores), %s ms per completed application"
                        .formatted(decimal(usage.busyPercentWithoutBenchmark()),
                                decimal(usage.cores(usage.machine().busy() - usage.benchmark())),
                                decimal(usage.millisPer(completed, true))),
                "  the platform's processes only (below, less the benchmark and other): %s cores, %s ms per completed application"
                        .formatted(decimal(usage.cores(usage.platform())),
                                decimal(usage.platformMillisPer(completed))));
    }

    /** Cores each process used over the window and over the whole run, busiest in the window first. */
    private List<String> coresByProcess() {
        Map<String, Double> inWindow = windowCpu.coresByGroup();
        Map<String, Double> inRun = runCpu.coresByGroup();
        List<String> lines = new ArrayList<>();
        lines.add("cores used by process (run script's pid files, PostgreSQL, Redis, this benchmark; other: the rest):");
        lines.add("  %-24s %8s %8s".formatted("process", "window", "run"));
        Stream.concat(inWindow.keySet().stream(), inRun.keySet().stream()).distinct().forEach(process ->
                lines.add("  %-24s %8s %8s".formatted(process, decimal(inWindow.getOrDefault(process, 0.0)),
                        decimal(inRun.getOrDefault(process, 0.0)))));
        return lines;
    }

    String summary() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mode", plan.openLoop() ? "open" : "closed");
        if (plan.openLoop()) {
            fields.put("rate", decimal(plan.rate()));
        } else {
            fields.put("concurrency", plan.concurrency());
            fields.put("await", plan.awaitFinal() ? "final" : "response");
        }
        fields.put("duration", decimal(seconds(window)));
        fields.put("submitted", submissions.total());
        fields.put("accepted", submissions.count("201"));
        fields.put("rejected_429", submissions.count("429"));
        fields.put("rejected_503", submissions.count("503"));
        fields.put("other", submissions.otherCount());
        if (!plan.openLoop()) {
            fields.put("refiled", submissions.refiledCount());
            fields.put("gave_up", submissions.gaveUpCount());
        }
        fields.put("post_p50_ms", submissions.latencies("201").at(50).toMillis());
        fields.put("post_p99_ms", submissions.latencies("201").at(99).toMillis());
        fields.put("completed", completed());
        fields.put("completed_in_window", completedInWindow());
        fields.put("completed_per_s", decimal(perSecond(completedInWindow(), seconds(window))));
        fields.put("last_completion_s", decimal(seconds(lastCompletion())));
        fields.put("not_final", outcomes.stream().filter(o -> o.status().equals(Follower.TIMED_OUT)).count());
        fields.put("p50_ms", platformLatency().at(50).toMillis());
        fields.put("p99_ms", platformLatency().at(99).toMillis());
        fields.put("sent_to_completed_p99_ms", latencies(Outcome::sentToCompleted).at(99).toMillis());
        fields.put("cpu_ms_per_completed", decimal(windowCpu.millisPer(completedInWindow(), false)));
        fields.put("cpu_ms_per_completed_less_bench", decimal(windowCpu.millisPer(completedInWindow(), true)));
        fields.put("busy_pct", decimal(windowCpu.busyPercent()));
        fields.put("busy_pct_less_bench", decimal(windowCpu.busyPercentWithoutBenchmark()));
        fields.put("run_cpu_ms_per_completed", decimal(runCpu.millisPer(completed(), false)));
        fields.put("platform_cpu_ms_per_completed", decimal(windowCpu.platformMillisPer(completedInWindow())));
        return "summary: " + fields.entrySet().stream().map(f -> f.getKey() + "=" + f.getValue())
                .collect(Collectors.joining(" "));
    }

    Map<String, Long> statuses() {
        return outcomes.stream().collect(Collectors.groupingBy(Outcome::status, TreeMap::new, Collectors.counting()));
    }

    long completed() {
        return outcomes.stream().filter(Outcome::completed).count();
    }

    /** Completed from the first POST to the end of the submit window, by the platform's clock. */
    long completedInWindow() {
        Instant end = start.plus(window);
        return outcomes.stream().filter(Outcome::completed).map(Outcome::completion)
                .filter(at -> !at.isAfter(end)).count();
    }

    /** From the first POST to the last completion; zero when none completed. */
    Duration lastCompletion() {
        return outcomes.stream().filter(Outcome::completed).map(Outcome::completion).max(Instant::compareTo)
                .map(at -> Duration.between(start, at)).orElse(Duration.ZERO);
    }

    /** The platform's own intake → completion times (the completed that carry both ends). */
    Percentiles platformLatency() {
        return latencies(Outcome::platformLatency);
    }

    /** One latency of every outcome that has it. */
    Percentiles latencies(Function<Outcome, Duration> latency) {
        Percentiles latencies = new Percentiles();
        outcomes.stream().map(latency).filter(Objects::nonNull).forEach(latencies::add);
        return latencies;
    }

    /** A number with at most two decimals, without trailing zeros (20, 13.5, 0.25). */
    static String decimal(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static double perSecond(long count, double seconds) {
        return seconds <= 0 ? 0 : count / seconds;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String ms(Duration d) {
        return d.toMillis() + "ms";
    }
}
