package cn.gov.birth.kit.review;

import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An item waiting for, or decided by, department staff.
 *
 * @param context         what the department's service stored for staff to decide on (its own record)
 * @param amount          the amount staff assessed on approving, in yuan, for an item that pays one
 *                        ({@link ReviewQueue.AmountAssessment}); null otherwise
 * @param firstApprovedBy who approved an amount that a second, different officer must confirm (the task
 *                        stays OPEN until then); null when no such approval was made
 */
public record ReviewTask<C>(UUID id, UUID applicationId, Item item, String reasonCode, String reasonMessage,
                            C context, Status status, Instant createdAt, Decision decision,
                            String decisionReasonCode, String decisionMessage, String decidedBy, Instant decidedAt,
                            BigDecimal amount, String firstApprovedBy, Instant firstApprovedAt) {

    /** The task as approved with the amount staff assessed: what the item's approval is given. */
    ReviewTask<C> assessed(BigDecimal assessed) {
        return new ReviewTask<>(id, applicationId, item, reasonCode, reasonMessage, context, status, createdAt,
                decision, decisionReasonCode, decisionMessage, decidedBy, decidedAt, assessed, firstApprovedBy,
                firstApprovedAt);
    }

    /**
     * CANCELLED: the application was withdrawn while the task was open; CLOSED: the item ended
     * another way meanwhile (cancelled with its upstream, say), leaving nothing to decide.
     */
    public enum Status { OPEN, DECIDED, CANCELLED, CLOSED }

    /** What staff decide: go on with the item, return it for a supplement, or refuse it. */
    public enum Decision { APPROVE, RETURN, REJECT }
}
