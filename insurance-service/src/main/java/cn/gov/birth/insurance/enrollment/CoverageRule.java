package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.insurance.reference.Contributions.Contribution;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;

/**
 * The resident insurance rule for a newborn (domain.md, "Medical insurance rules"): enrolled and
 * paid within the window after birth (90 days, inclusive), the individual contribution is due and
 * coverage starts at birth; paid later, the full annual amount (individual + government subsidy)
 * is due and coverage starts once the waiting period after the payment (60 days, exclusive) has
 * passed; the year insured is then the year that coverage starts in, not a year that would end
 * before it. Coverage ends on 31 December of the last insured year.
 */
final class CoverageRule {

    /** What is to be paid, for which years, and the last day to pay it. */
    record Due(List<Integer> years, BigDecimal amount, LocalDate payBy) {
    }

    record Coverage(LocalDate start, LocalDate end) {
    }

    /** The insured years the form asks for: {@code CURRENT} is the year of birth, {@code NEXT} the one after. */
    static List<Integer> years(LocalDate birthDate, List<String> requested) {
        int birthYear = birthDate.getYear();
        return requested.stream().map(y -> "NEXT".equals(y) ? birthYear + 1 : birthYear).distinct().sorted().toList();
    }

    /**
     * The years to insure: those asked for within the window; after it, the year of birth becomes
     * the year coverage starts in when paid by the last day (a late payment in the autumn is cover
     * for the next year, at that year's full amount, not for weeks already past).
     */
    static List<Integer> insured(InsurancePolicy.Region policy, LocalDate birthDate, LocalDate today,
                                 List<Integer> years) {
        if (inWindow(policy, birthDate, today)) {
            return years;
        }
        int startYear = today.plusDays(policy.paymentDays() + policy.lateWaitingDays() + 1L).getYear();
        return years.stream().map(year -> year == birthDate.getYear() ? Math.max(year, startYear) : year)
                .distinct().sorted().toList();
    }

    /**
     * Whether the next year may be insured: where the region offers it to everyone, or (Gansu) for a
     * child born from the region's day of the year on, enrolling within the window.
     */
    static boolean nextYearAllowed(InsurancePolicy.Region policy, LocalDate birthDate, LocalDate today) {
        if (policy.insuredYears().contains("NEXT")) {
            return true;
        }
        MonthDay from = policy.nextYearFrom();
        return from != null && !MonthDay.from(birthDate).isBefore(from) && inWindow(policy, birthDate, today);
    }

    static boolean inWindow(InsurancePolicy.Region policy, LocalDate birthDate, LocalDate day) {
        return !day.isAfter(birthDate.plusDays(policy.enrollmentDays()));
    }

    /**
     * The amount due if the order is made today for the {@link #insured} years: the individual
     * amount per year within the window; after it, the full amount for the first year. An order at
     * the window's amount is payable until the window's last day at most: paid later, the full
     * amount would be due.
     */
    static Due due(InsurancePolicy.Region policy, LocalDate birthDate, LocalDate today, List<Integer> years,
                   Map<Integer, Contribution> contributions) {
        boolean inWindow = inWindow(policy, birthDate, today);
        BigDecimal amount = years.stream()
                .map(year -> !inWindow && year == years.getFirst() ? contributions.get(year).full()
                        : contributions.get(year).individual())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate payBy = today.plusDays(policy.paymentDays());
        LocalDate windowEnd = birthDate.plusDays(policy.enrollmentDays());
        return new Due(years, amount, inWindow && payBy.isAfter(windowEnd) ? windowEnd : payBy);
    }

    /**
     * Coverage once paid on {@code paidOn}: from birth within the window, else from the day after the
     * waiting period. A next year alone starts on 1 January of that year, except where the region lets
     * late-year births insure the next year from birth (Gansu).
     */
    static Coverage coverage(InsurancePolicy.Region policy, LocalDate birthDate, List<Integer> years,
                             LocalDate paidOn) {
        LocalDate start = inWindow(policy, birthDate, paidOn) ? birthDate
                : paidOn.plusDays(policy.lateWaitingDays() + 1L);
        LocalDate firstYear = LocalDate.of(years.getFirst(), 1, 1);
        if (policy.nextYearFrom() == null && start.isBefore(firstYear)) {
            start = firstYear;
        }
        // Paid later than the last day, the start can pass the insured year: cover that year then.
        return new Coverage(start, LocalDate.of(Math.max(years.getLast(), start.getYear()), 12, 31));
    }

    private CoverageRule() {
    }
}
