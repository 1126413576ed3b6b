package cn.gov.birth.insurance.enrollment;

import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Each region's medical insurance rules, as configuration a province changes without code (the
 * contribution amounts are data: the {@code contributions} reference dataset).
 */
@ConfigurationProperties("birth.insurance")
public record InsurancePolicy(Map<String, Region> regions) {

    public InsurancePolicy {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public Region of(String region) {
        return Optional.ofNullable(regions.get(region)).orElseThrow(() -> new IllegalStateException(
                "no insurance policy configured for region " + region));
    }

    /**
     * @param enrollmentDays         the window after birth (inclusive) in which a paid enrollment covers from birth
     * @param lateWaitingDays        after the window, coverage starts once this many days after payment have passed
     * @param paymentDays            how long a payment order may be paid (never past the window for an in-window amount)
     * @param insuredYears           the insured years anyone may choose ({@code CURRENT}, {@code NEXT})
     * @param nextYearBornFrom       {@code MM-dd}: births from this day of the year may also choose the next year,
     *                               within the window, covered from birth (Gansu); empty where not offered so
     * @param dischargeWithinDays    a direct maternity settlement counts when the discharge is this many days
     *                               after the birth at most
     * @param manualClaimWorkingDays the processing period of a manual maternity claim, in working days
     */
    public record Region(int enrollmentDays, int lateWaitingDays, int paymentDays, Set<String> insuredYears,
                         String nextYearBornFrom, int dischargeWithinDays, int manualClaimWorkingDays) {

        public Region {
            insuredYears = insuredYears == null ? Set.of("CURRENT") : Set.copyOf(insuredYears);
            nextYearBornFrom = nextYearBornFrom == null || nextYearBornFrom.isBlank() ? null : nextYearBornFrom;
            if (nextYearBornFrom != null) {
                MonthDay.parse("--" + nextYearBornFrom);
            }
        }

        MonthDay nextYearFrom() {
            return nextYearBornFrom == null ? null : MonthDay.parse("--" + nextYearBornFrom);
        }
    }
}
