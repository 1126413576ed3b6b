package cn.gov.birth.kit.review;

import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A task of the department's staff queue: an item waiting for, or decided by, staff (REVIEW), or a
 * follow-up the department owes the family (a 差评's RECTIFICATION, a COMPLAINT), answered by staff.
 *
 * @param item            null for a follow-up of the service as a whole
 * @param context         what the department's service stored for staff to decide on (its own record); null
 *                        for a follow-up
 * @param amount          the amount staff assessed on approving, in yuan, for an item that pays one
 *                        ({@link ReviewQueue.AmountAssessment}); null otherwise
 * @param firstApprovedBy who approved an amount that a second, different officer must confirm (the task
 *                        stays OPEN until then); null when no such approval was made
 * @param followUp        the follow-up's dates, the family's words and the answer; null for a review
 */
public record ReviewTask<C>(UUID id, Kind kind, UUID applicationId, Item item, String reasonCode,
                            String reasonMessage, C context, Status status, Instant createdAt, Decision decision,
                            String decisionReasonCode, String decisionMessage, String decidedBy, Instant decidedAt,
                            BigDecimal amount, String firstApprovedBy, Instant firstApprovedAt, FollowUp followUp) {

    /** The task as approved with the amount staff assessed: what the item's approval is given. */
    ReviewTask<C> assessed(BigDecimal assessed) {
        return new ReviewTask<>(id, kind, applicationId, item, reasonCode, reasonMessage, context, status, createdAt,
                decision, decisionReasonCode, decisionMessage, decidedBy, decidedAt, assessed, firstApprovedBy,
                firstApprovedAt, followUp);
    }

    /** REVIEW: an item staff decide; the others: a follow-up staff answer. */
    public enum Kind {
        REVIEW, RECTIFICATION, COMPLAINT;

        static Kind of(FollowUpKind kind) {
            return valueOf(kind.name());
        }

        FollowUpKind followUp() {
            return FollowUpKind.valueOf(name());
        }
    }

    /**
     * CANCELLED: the application was withdrawn while the review was open; CLOSED: the item ended
     * another way meanwhile (cancelled with its upstream, say), leaving nothing to decide; ANSWERED:
     * a follow-up staff answered.
     */
    public enum Status { OPEN, DECIDED, CANCELLED, CLOSED, ANSWERED }

    /** What staff decide: go on with the item, return it for a supplement, or refuse it. */
    public enum Decision { APPROVE, RETURN, REJECT }

    /**
     * What the department owes the family: contact by {@code contactDue} (a 差评 only), answer by
     * {@code answerDue}; {@code score} is the 差评's level, {@code text} the family's own words.
     */
    public record FollowUp(UUID followUpId, Integer score, String text, LocalDate contactDue, LocalDate answerDue,
                           Instant contactedAt, String contactedBy, String answer, Instant answeredAt,
                           String answeredBy) {
    }
}
