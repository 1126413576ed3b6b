package cn.gov.birth.insurance.enrollment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The resident insurance rule for a newborn: enrolled within the window after birth (90 days,
 * inclusive), coverage starts at birth; later, it starts a waiting period after enrollment.
 * Coverage ends on 31 December of the last insured year; the contribution is due per year.
 */
final class CoverageRule {

    record Coverage(List<Integer> years, BigDecimal contributionDue, LocalDate start, LocalDate end) {
    }

    static Coverage of(InsurancePolicy.Region policy, LocalDate birthDate, LocalDate enrollmentDate,
                       List<String> requestedYears) {
        int birthYear = birthDate.getYear();
        List<Integer> years = requestedYears.stream()
                .map(y -> "NEXT".equals(y) ? birthYear + 1 : birthYear)
                .distinct().sorted().toList();
        BigDecimal due = years.stream().map(policy::contributionFor).reduce(BigDecimal.ZERO, BigDecimal::add);
        boolean inWindow = !enrollmentDate.isAfter(birthDate.plusDays(policy.enrollmentDays()));
        LocalDate start = inWindow ? birthDate : enrollmentDate.plusDays(policy.lateWaitingDays());
        LocalDate end = LocalDate.of(years.getLast(), 12, 31);
        return new Coverage(years, due, start, end);
    }

    private CoverageRule() {
    }
}
