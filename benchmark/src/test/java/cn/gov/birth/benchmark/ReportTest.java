package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static final Instant START = Instant.parse("2026-11-30T15:00:00Z");

    private static Follower.Outcome completed(long submittedMs, long completedMs) {
        return new Follower.Outcome("COMPLETED", START.plusMillis(submittedMs - 10), START.plusMillis(submittedMs),
                START.plusMillis(completedMs), START.plusMillis(completedMs + 300));
    }

    @Test
    void shouldCountCompletionsInTheWindowByThePlatformsClockAndEndWithASummaryLine() {
        Plan plan = Plan.of(Options.parse(new String[] {"--rate", "2", "--duration", "2"}, Plan.DEFAULTS));
        Submissions submissions = new Submissions();
        for (int i = 0; i < 4; i++) {
            submissions.record("201", Duration.ofMillis(50), false);
        }
        List<Follower.Outcome> outcomes = List.of(completed(0, 400), completed(500, 900), completed(1000, 1500),
                completed(1500, 2500));
        // 2 s on 2 cores: 400 jiffies, 200 busy (20 the benchmark's, 100 PostgreSQL's)
        CpuMeter.Usage window = new CpuMeter.Usage(2, new ProcStat.Machine(200, 200, 2),
                Map.of(CpuMeter.BENCHMARK, 20L, "postgresql", 100L));
        CpuMeter.Usage run = new CpuMeter.Usage(3, new ProcStat.Machine(240, 360, 2), Map.of(CpuMeter.BENCHMARK, 24L));

        Report report = new Report(plan, 4, START, Duration.ofSeconds(2), false, submissions, outcomes,
                new Percentiles(), window, run, new Follower.Following(4, 0, 4, 0, 0), Duration.ofSeconds(3));

        assertThat(report.completed()).isEqualTo(4);
        assertThat(report.completedInWindow()).isEqualTo(3);
        assertThat(report.lastCompletion()).isEqualTo(Duration.ofMillis(2500));
        assertThat(report.platformLatency().at(50)).isEqualTo(Duration.ofMillis(400));
        assertThat(report.platformLatency().at(99)).isEqualTo(Duration.ofMillis(1000));
        assertThat(report.latencies(Follower.Outcome::observed).at(50)).isEqualTo(Duration.ofMillis(710));
        assertThat(report.lines()).last().isEqualTo("summary: mode=open rate=2 duration=2 submitted=4 accepted=4 "
                + "rejected_429=0 rejected_503=0 other=0 post_p50_ms=50 post_p99_ms=50 completed=4 "
                + "completed_in_window=3 completed_per_s=1.5 last_completion_s=2.5 not_final=0 p50_ms=400 p99_ms=1000 "
                + "sent_to_completed_p99_ms=1010 "
                + "cpu_ms_per_completed=666.67 cpu_ms_per_completed_less_bench=600 busy_pct=50 "
                + "busy_pct_less_bench=45 run_cpu_ms_per_completed=600 platform_cpu_ms_per_completed=333.33");
    }

    @Test
    void shouldSayInAClosedLoopHowManyRefusedFamiliesWerePostedAgainAfterRetryAfter() {
        Plan plan = Plan.of(Options.parse(new String[] {"--concurrency", "2", "--duration", "2"}, Plan.DEFAULTS));
        Submissions submissions = new Submissions();
        submissions.record("503", Duration.ofMillis(5), true);
        submissions.refiled();
        submissions.record("201", Duration.ofMillis(50), false);
        submissions.record("503", Duration.ofMillis(5), true);
        submissions.gaveUp();
        CpuMeter.Usage usage = new CpuMeter.Usage(2, new ProcStat.Machine(200, 200, 2), Map.of());

        Report report = new Report(plan, 2, START, Duration.ofSeconds(2), false, submissions,
                List.of(completed(100, 600)), new Percentiles(), usage, usage, new Follower.Following(1, 0, 1, 0, 0),
                Duration.ofSeconds(2));

        assertThat(report.lines()).contains("refused with Retry-After: 1 POSTs were the same family again after the "
                + "wait, 1 families not posted again (the run or --timeout was over first)");
        assertThat(report.summary()).contains(" submitted=3 accepted=1 rejected_429=0 rejected_503=2 other=0 "
                + "refiled=1 gave_up=1 ");
    }
}
