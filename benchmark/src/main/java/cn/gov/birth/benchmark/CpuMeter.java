package cn.gov.birth.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Samples the machine's CPU time and that of the platform's processes: those whose pids the run
 * script recorded ({@code .run/pids/<name>.pid}), PostgreSQL's and Redis's (by command name: they
 * are not started by the run script), and this benchmark's own, which runs on the same machine.
 */
final class CpuMeter {

    static final String BENCHMARK = "benchmark";

    private final Path proc;
    private final Path pids;
    private final long self;

    CpuMeter(Path proc, Path pids, long self) {
        this.proc = proc;
        this.pids = pids;
        this.self = self;
    }

    /** The counters now: the machine's, and each process group's by pid (pids that could not be read are absent). */
    record Sample(long nanos, ProcStat.Machine machine, Map<String, Map<Long, Long>> groups) {
    }

    /**
     * What was used between two samples: the machine's jiffies, and each group's (its processes at the
     * end, less what each had at the start; a process started since counts from 0, one gone is lost).
     */
    record Usage(double seconds, ProcStat.Machine machine, Map<String, Long> groups) {

        static Usage between(Sample start, Sample end) {
            Map<String, Long> groups = new TreeMap<>();
            end.groups().forEach((group, processes) -> groups.put(group, processes.entrySet().stream()
                    .mapToLong(p -> p.getValue() - start.groups().getOrDefault(group, Map.of()).getOrDefault(p.getKey(), 0L))
                    .sum()));
            return new Usage((end.nanos() - start.nanos()) / 1e9, end.machine().minus(start.machine()), groups);
        }

        /** The machine's busy share of all its cores' time, in percent. */
        double busyPercent() {
            return machine.total() == 0 ? 0 : 100.0 * machine.busy() / machine.total();
        }

        /** Busy, less this benchmark's own process, in percent of all the cores' time. */
        double busyPercentWithoutBenchmark() {
            return machine.total() == 0 ? 0 : 100.0 * (machine.busy() - benchmark()) / machine.total();
        }

        long benchmark() {
            return groups.getOrDefault(BENCHMARK, 0L);
        }

        /**
         * The platform's own processes: every group but the benchmark. Unlike the machine's figure it leaves
         * out whatever else the machine ran meanwhile (on a shared machine, other programs took 10 to 63 ms of
         * CPU per application from one run to the next), so it compares two builds more steadily.
         */
        long platform() {
            return groups.entrySet().stream().filter(group -> !group.getKey().equals(BENCHMARK))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** The platform's processes' CPU milliseconds per application. */
        double platformMillisPer(long applications) {
            return applications == 0 ? 0 : ProcStat.millis(platform()) / applications;
        }

        /** Cores kept busy on average by this many jiffies. */
        double cores(long jiffies) {
            return seconds <= 0 ? 0 : jiffies / (ProcStat.CLK_TCK * seconds);
        }

        /** Machine CPU milliseconds per application, less the benchmark's own when asked. */
        double millisPer(long applications, boolean withoutBenchmark) {
            long busy = machine.busy() - (withoutBenchmark ? benchmark() : 0);
            return applications == 0 ? 0 : ProcStat.millis(busy) / applications;
        }

        /** Cores used by each group, busiest first, then what none of them explains ("other"). */
        Map<String, Double> coresByGroup() {
            Map<String, Double> cores = new LinkedHashMap<>();
            groups.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(g -> cores.put(g.getKey(), cores(g.getValue())));
            cores.put("other", cores(machine.busy() - groups.values().stream().mapToLong(Long::longValue).sum()));
            return cores;
        }
    }

    Sample sample() {
        long nanos = System.nanoTime();
        ProcStat.Machine machine = ProcStat.machine(read(proc.resolve("stat")));
        Map<String, Map<Long, Long>> groups = new TreeMap<>();
        if (Files.isDirectory(pids)) {
            try (Stream<Path> files = Files.list(pids)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                    String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                    ProcStat.pid(read(file)).ifPresent(pid -> jiffies(pid).ifPresent(cpu ->
                            groups.computeIfAbsent(name, n -> new TreeMap<>()).put(pid, cpu)));
                }
            } catch (IOException e) {
                // No pid files: the platform's processes are then "other".
            }
        }
        for (long pid : processes()) {
            String stat = read(proc.resolve(pid + "/stat"));
            if (stat.isEmpty()) {
                continue;
            }
            String group = pid == self ? BENCHMARK : byCommand(ProcStat.command(stat));
            if (group != null) {
                groups.computeIfAbsent(group, n -> new TreeMap<>()).put(pid, ProcStat.process(stat));
            }
        }
        return new Sample(nanos, machine, groups);
    }

    /** The group of a process not started by the run script, by its command name. */
    private static String byCommand(String command) {
        if (command.equals("postgres")) {
            return "postgresql";
        }
        return command.startsWith("redis-server") ? "redis" : null;
    }

    private OptionalLong jiffies(long pid) {
        String stat = read(proc.resolve(pid + "/stat"));
        return stat.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ProcStat.process(stat));
    }

    private List<Long> processes() {
        try (Stream<Path> entries = Files.list(proc)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A file's text, empty when it cannot be read (a process that ended, a pid file removed). */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
