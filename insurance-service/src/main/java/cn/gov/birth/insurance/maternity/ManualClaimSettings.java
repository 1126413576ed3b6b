package cn.gov.birth.insurance.maternity;

import cn.gov.birth.kit.review.ReviewQueue.AmountAssessment;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Manual maternity claims, as configuration (application.yml holds the defaults): the officers pay
 * the amount they assess from the receipts, at most {@code amountCeiling} yuan; one above
 * {@code secondApprovalAbove} only once a second, different officer approves it too (checked at
 * start-up, {@link AmountAssessment}). The bank account of a claim that ended unpaid (rejected,
 * cancelled, withdrawn) is kept {@code unpaidAccountKept} after the claim, then purged.
 */
@ConfigurationProperties("birth.insurance.maternity")
public record ManualClaimSettings(BigDecimal amountCeiling, BigDecimal secondApprovalAbove,
                                  Duration unpaidAccountKept) {

    AmountAssessment assessment() {
        return new AmountAssessment(amountCeiling, secondApprovalAbove);
    }
}
