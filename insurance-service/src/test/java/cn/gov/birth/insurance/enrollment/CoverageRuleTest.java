package cn.gov.birth.insurance.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.insurance.reference.Contributions.Contribution;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoverageRuleTest {

    private static final InsurancePolicy.Region GUIZHOU = new InsurancePolicy.Region(90, 60, 7,
            Set.of("CURRENT", "NEXT"), null, 30, 20);
    private static final InsurancePolicy.Region GANSU = new InsurancePolicy.Region(90, 60, 7, Set.of("CURRENT"),
            "10-01", 30, 1);
    private static final Map<Integer, Contribution> CONTRIBUTIONS = Map.of(
            2026, new Contribution("520000", 2026, new BigDecimal("400.00"), new BigDecimal("640.00")),
            2027, new Contribution("520000", 2027, new BigDecimal("420.00"), new BigDecimal("670.00")));
    private static final LocalDate BIRTH = LocalDate.of(2026, 8, 10);

    @Test
    void shouldCoverFromBirthToYearEndWhenPaidOnTheNinetiethDay() {
        var due = CoverageRule.due(GUIZHOU, BIRTH, BIRTH.plusDays(3), List.of(2026), CONTRIBUTIONS);
        var coverage = CoverageRule.coverage(GUIZHOU, BIRTH, due.years(), BIRTH.plusDays(90));

        assertThat(due.amount()).isEqualByComparingTo("400.00");
        assertThat(coverage.start()).isEqualTo(BIRTH);
        assertThat(coverage.end()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void shouldChargeTheFullAnnualAmountAfterDayNinety() {
        var due = CoverageRule.due(GUIZHOU, BIRTH, BIRTH.plusDays(91), List.of(2026), CONTRIBUTIONS);

        assertThat(due.amount()).isEqualByComparingTo("1040.00");
        assertThat(due.payBy()).isEqualTo(BIRTH.plusDays(98));
    }

    @Test
    void shouldInsureTheYearCoverageStartsInWhenALateOrderIsMadeInTheAutumn() {
        LocalDate born = LocalDate.of(2026, 8, 21);
        LocalDate today = LocalDate.of(2026, 11, 27);
        List<Integer> years = CoverageRule.insured(GUIZHOU, born, today, List.of(2026));
        var due = CoverageRule.due(GUIZHOU, born, today, years, CONTRIBUTIONS);

        var coverage = CoverageRule.coverage(GUIZHOU, born, due.years(), today.plusDays(1));

        assertThat(years).containsExactly(2027);
        assertThat(due.amount()).isEqualByComparingTo(CONTRIBUTIONS.get(2027).full());
        assertThat(coverage.start()).isEqualTo(LocalDate.of(2027, 1, 28));
        assertThat(coverage.end()).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(coverage.end()).isAfter(coverage.start());
    }

    @Test
    void shouldKeepTheYearOfBirthForALateOrderWhoseCoverageStartsThatYear() {
        LocalDate spring = LocalDate.of(2026, 3, 1);

        assertThat(CoverageRule.insured(GUIZHOU, spring, spring.plusDays(91), List.of(2026))).containsExactly(2026);
    }

    @Test
    void shouldStartCoverageOnTheSixtyFirstDayAfterALatePayment() {
        LocalDate paid = BIRTH.plusDays(95);

        var coverage = CoverageRule.coverage(GUIZHOU, BIRTH, List.of(2026), paid);

        assertThat(coverage.start()).isEqualTo(paid.plusDays(61));
    }

    @Test
    void shouldCountTheWaitingPeriodFromThePaymentNotFromTheOrder() {
        var due = CoverageRule.due(GUIZHOU, BIRTH, BIRTH.plusDays(100), List.of(2026), CONTRIBUTIONS);
        LocalDate paid = due.payBy();

        assertThat(CoverageRule.coverage(GUIZHOU, BIRTH, due.years(), paid).start()).isEqualTo(paid.plusDays(61));
    }

    @Test
    void shouldNotLetAnOrderAtTheWindowsAmountBePaidAfterTheWindow() {
        var due = CoverageRule.due(GUIZHOU, BIRTH, BIRTH.plusDays(88), List.of(2026), CONTRIBUTIONS);

        assertThat(due.payBy()).isEqualTo(BIRTH.plusDays(90));
    }

    @Test
    void shouldInsureTheNextYearTooAtItsIndividualAmount() {
        List<Integer> years = CoverageRule.years(BIRTH, List.of("CURRENT", "NEXT"));
        var due = CoverageRule.due(GUIZHOU, BIRTH, BIRTH.plusDays(3), years, CONTRIBUTIONS);

        assertThat(years).containsExactly(2026, 2027);
        assertThat(due.amount()).isEqualByComparingTo("820.00");
        assertThat(CoverageRule.coverage(GUIZHOU, BIRTH, years, BIRTH.plusDays(5)).end())
                .isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void shouldStartANextYearAloneOnTheFirstOfJanuaryWhereBirthCoverageIsNotGranted() {
        var coverage = CoverageRule.coverage(GUIZHOU, BIRTH, List.of(2027), BIRTH.plusDays(5));

        assertThat(coverage.start()).isEqualTo(LocalDate.of(2027, 1, 1));
    }

    @Test
    void shouldLetAGansuChildBornInTheLastQuarterInsureTheNextYearFromBirth() {
        LocalDate born = LocalDate.of(2026, 10, 1);

        assertThat(CoverageRule.nextYearAllowed(GANSU, born, born.plusDays(90))).isTrue();
        var coverage = CoverageRule.coverage(GANSU, born, List.of(2027), born.plusDays(30));
        assertThat(coverage.start()).isEqualTo(born);
        assertThat(coverage.end()).isEqualTo(LocalDate.of(2027, 12, 31));
    }

    @Test
    void shouldRefuseGansuTheNextYearBeforeOctoberOrAfterTheWindow() {
        assertThat(CoverageRule.nextYearAllowed(GANSU, LocalDate.of(2026, 9, 30), LocalDate.of(2026, 10, 5))).isFalse();
        LocalDate born = LocalDate.of(2026, 11, 20);
        assertThat(CoverageRule.nextYearAllowed(GANSU, born, born.plusDays(91))).isFalse();
        assertThat(CoverageRule.nextYearAllowed(GUIZHOU, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 5))).isTrue();
    }
}
