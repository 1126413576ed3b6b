package cn.gov.birth.insurance.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageRuleTest {

    private static final InsurancePolicy.Region POLICY = new InsurancePolicy.Region(90, 60, new BigDecimal("3000"),
            Map.of(2026, new BigDecimal("400.00"), 2027, new BigDecimal("420.00")));
    private static final LocalDate BIRTH = LocalDate.of(2026, 10, 10);

    @Test
    void shouldCoverFromBirthToYearEndWhenEnrolledWithinNinetyDays() {
        var coverage = CoverageRule.of(POLICY, BIRTH, BIRTH.plusDays(90), List.of("CURRENT"));

        assertThat(coverage.start()).isEqualTo(BIRTH);
        assertThat(coverage.end()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(coverage.contributionDue()).isEqualByComparingTo("400.00");
    }

    @Test
    void shouldStartCoverageAfterTheWaitingPeriodWhenEnrolledLate() {
        LocalDate enrolled = BIRTH.plusDays(91);

        var coverage = CoverageRule.of(POLICY, BIRTH, enrolled, List.of("CURRENT"));

        assertThat(coverage.start()).isEqualTo(enrolled.plusDays(60));
    }

    @Test
    void shouldInsureTheNextYearToo() {
        var coverage = CoverageRule.of(POLICY, BIRTH, BIRTH.plusDays(3), List.of("CURRENT", "NEXT"));

        assertThat(coverage.years()).containsExactly(2026, 2027);
        assertThat(coverage.contributionDue()).isEqualByComparingTo("820.00");
        assertThat(coverage.end()).isEqualTo(LocalDate.of(2027, 12, 31));
    }
}
