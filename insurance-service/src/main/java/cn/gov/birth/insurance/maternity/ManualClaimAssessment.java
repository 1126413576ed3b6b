package cn.gov.birth.insurance.maternity;

import cn.gov.birth.kit.review.ReviewQueue.AmountAssessment;
import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the officers may pay on a manual maternity claim, as configuration (application.yml holds
 * the defaults): the amount they assess from the receipts, at most {@code amountCeiling} yuan; one
 * above {@code secondApprovalAbove} is paid only once a second, different officer approves it too.
 * Checked at start-up ({@link AmountAssessment}).
 */
@ConfigurationProperties("birth.insurance.maternity")
public record ManualClaimAssessment(BigDecimal amountCeiling, BigDecimal secondApprovalAbove) {

    AmountAssessment assessment() {
        return new AmountAssessment(amountCeiling, secondApprovalAbove);
    }
}
