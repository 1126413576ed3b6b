package cn.gov.birth.insurance.enrollment;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Each region's medical insurance rules, as configuration a province changes without code. */
@ConfigurationProperties("birth.insurance")
public record InsurancePolicy(Map<String, Region> regions) {

    public InsurancePolicy {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    public Region of(String region) {
        Region policy = regions.get(region);
        if (policy == null) {
            throw new IllegalStateException("no insurance policy configured for region " + region);
        }
        return policy;
    }

    public record Region(int enrollmentDays, int lateWaitingDays, BigDecimal maternityDirectAmount,
                         Map<Integer, BigDecimal> contribution) {

        public Region {
            contribution = contribution == null ? Map.of() : Map.copyOf(contribution);
        }

        BigDecimal contributionFor(int year) {
            BigDecimal amount = contribution.get(year);
            if (amount == null) {
                throw new IllegalStateException("no contribution configured for " + year);
            }
            return amount;
        }
    }
}
