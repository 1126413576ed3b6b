package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuMeterTest {

    @TempDir
    Path dir;

    @Test
    void shouldGroupTheRunScriptsProcessesPostgresqlAndItself() throws IOException {
        Path proc = dir.resolve("proc");
        Path pids = dir.resolve("pids");
        Files.createDirectories(pids);
        Files.writeString(pids.resolve("application-service.pid"), "200\n");
        Files.writeString(pids.resolve("gone.pid"), "999\n");
        write(proc.resolve("stat"), "cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 0 0 0 0 0 0 0 0 0\ncpu1 1 0 0 0 0 0 0 0 0 0\n");
        write(proc.resolve("100/stat"), stat(100, "postgres", 30, 10));
        write(proc.resolve("101/stat"), stat(101, "postgres", 5, 5));
        write(proc.resolve("200/stat"), stat(200, "java", 70, 30));
        write(proc.resolve("300/stat"), stat(300, "java", 20, 2));
        write(proc.resolve("400/stat"), stat(400, "bash", 1, 1));

        CpuMeter.Sample sample = new CpuMeter(proc, pids, 300).sample();

        assertThat(sample.machine()).isEqualTo(new ProcStat.Machine(150, 850, 2));
        assertThat(sample.groups()).isEqualTo(Map.of("application-service", Map.of(200L, 100L),
                "postgresql", Map.of(100L, 40L, 101L, 10L), CpuMeter.BENCHMARK, Map.of(300L, 22L)));
    }

    @Test
    void shouldReportBusyShareCoresAndMillisecondsPerApplicationWithAndWithoutTheBenchmarkAndForThePlatformAlone() {
        CpuMeter.Sample start = new CpuMeter.Sample(0, new ProcStat.Machine(1000, 9000, 2),
                Map.of("postgresql", Map.of(1L, 100L), CpuMeter.BENCHMARK, Map.of(9L, 10L)));
        // 10 s on 2 cores: 2000 jiffies, 1500 of them busy; a PostgreSQL backend started meanwhile counts from 0.
        CpuMeter.Sample end = new CpuMeter.Sample(10_000_000_000L, new ProcStat.Machine(2500, 9500, 2),
                Map.of("postgresql", Map.of(1L, 500L, 2L, 100L), CpuMeter.BENCHMARK, Map.of(9L, 310L)));

        CpuMeter.Usage usage = CpuMeter.Usage.between(start, end);

        assertThat(usage.seconds()).isEqualTo(10.0);
        assertThat(usage.busyPercent()).isEqualTo(75.0);
        assertThat(usage.busyPercentWithoutBenchmark()).isEqualTo(60.0);
        assertThat(usage.cores(usage.machine().busy())).isEqualTo(1.5);
        // 1500 jiffies = 15,000 ms over 100 applications; 1200 jiffies without the benchmark's 300
        assertThat(usage.millisPer(100, false)).isEqualTo(150.0);
        assertThat(usage.millisPer(100, true)).isEqualTo(120.0);
        assertThat(usage.millisPer(0, false)).isZero();
        // the platform's processes: PostgreSQL's 500 jiffies, not the benchmark's nor the rest of the machine's
        assertThat(usage.platformMillisPer(100)).isEqualTo(50.0);
        assertThat(usage.coresByGroup()).containsExactly(Map.entry("postgresql", 0.5), Map.entry("benchmark", 0.3),
                Map.entry("other", 0.7));
    }

    private static String stat(long pid, String command, long utime, long stime) {
        return pid + " (" + command + ") S 1 1 1 0 -1 0 0 0 0 0 " + utime + " " + stime + " 0 0 20 0 1 0 1 1 1\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
