package cn.gov.birth.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String STAT = """
            cpu  1000 50 300 8000 200 10 20 5 40 0
            cpu0 500 25 150 4000 100 5 10 3 20 0
            cpu1 500 25 150 4000 100 5 10 2 20 0
            intr 123456 0 0
            ctxt 987654
            btime 1764500000
            """;

    @Test
    void shouldCountBusyAndIdleJiffiesAndCoresFromTheCpuLines() {
        ProcStat.Machine machine = ProcStat.machine(STAT);

        // busy: user nice system irq softirq steal (guest is inside user); idle: idle iowait
        assertThat(machine.busy()).isEqualTo(1000 + 50 + 300 + 10 + 20 + 5);
        assertThat(machine.idle()).isEqualTo(8000 + 200);
        assertThat(machine.cores()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheDifferenceOfTwoReadings() {
        ProcStat.Machine before = new ProcStat.Machine(1000, 9000, 2);
        ProcStat.Machine after = new ProcStat.Machine(1150, 9050, 2);

        assertThat(after.minus(before)).isEqualTo(new ProcStat.Machine(150, 50, 2));
        assertThat(after.minus(before).total()).isEqualTo(200);
    }

    @Test
    void shouldReadAProcessesUserAndSystemTimeEvenWithParenthesesInItsName() {
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194560 90000 0 12 0 1234 567 0 0 20 0 40 0 777 "
                + "3000000000 50000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcStat.process(stat)).isEqualTo(1234 + 567);
        assertThat(ProcStat.command(stat)).isEqualTo("java (a) b");
    }

    @Test
    void shouldReadAPidFileAndRefuseAStatWithoutACpuLine() {
        assertThat(ProcStat.pid("4242\n")).hasValue(4242);
        assertThat(ProcStat.pid("")).isEmpty();
        assertThatThrownBy(() -> ProcStat.machine("intr 1 2 3\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcStat.millis(150)).isEqualTo(1500.0);
    }
}
