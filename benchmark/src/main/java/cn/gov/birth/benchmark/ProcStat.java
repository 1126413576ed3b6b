package cn.gov.birth.benchmark;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Linux's CPU counters, in jiffies (1/{@link #CLK_TCK} s): the machine's from {@code /proc/stat},
 * a process's from {@code /proc/<pid>/stat}.
 */
final class ProcStat {

    /** USER_HZ: 100 on every Linux this runs on (the kernel fixes what it shows user space). */
    static final int CLK_TCK = 100;

    /** The machine's time since boot: busy (user, nice, system, irq, softirq, steal) and idle (idle, iowait). */
    record Machine(long busy, long idle, int cores) {

        long total() {
            return busy + idle;
        }

        Machine minus(Machine earlier) {
            return new Machine(busy - earlier.busy, idle - earlier.idle, cores);
        }
    }

    /** The {@code cpu} line of {@code /proc/stat}, and how many {@code cpuN} lines follow it. */
    static Machine machine(String procStat) {
        long[] all = null;
        int cores = 0;
        for (String line : procStat.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields[0].equals("cpu")) {
                all = Arrays.stream(fields).skip(1).mapToLong(Long::parseLong).toArray();
            } else if (fields[0].matches("cpu\\d+")) {
                cores++;
            }
        }
        if (all == null || all.length < 4) {
            throw new IllegalArgumentException("no cpu line in /proc/stat");
        }
        // user nice system idle iowait irq softirq steal (guest and guest_nice are already in user and nice)
        long idle = all[3] + field(all, 4);
        long busy = all[0] + all[1] + all[2] + field(all, 5) + field(all, 6) + field(all, 7);
        return new Machine(busy, idle, Math.max(cores, 1));
    }

    /**
     * A process's CPU time (utime + stime, fields 14 and 15) from its {@code /proc/<pid>/stat}; the
     * command name (field 2) is in parentheses and may itself hold spaces and parentheses.
     */
    static long process(String pidStat) {
        String[] fields = pidStat.substring(pidStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The command name (field 2) of a {@code /proc/<pid>/stat}, empty when unreadable. */
    static String command(String pidStat) {
        int open = pidStat.indexOf('(');
        int close = pidStat.lastIndexOf(')');
        return open < 0 || close < open ? "" : pidStat.substring(open + 1, close);
    }

    /** A jiffy count as milliseconds. */
    static double millis(long jiffies) {
        return jiffies * 1000.0 / CLK_TCK;
    }

    private static long field(long[] fields, int index) {
        return index < fields.length ? fields[index] : 0;
    }

    /** The pid in a pid file's text, if it holds one. */
    static OptionalLong pid(String pidFile) {
        String digits = pidFile.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
    }

    private ProcStat() {
    }
}
