package cn.gov.birth.kit.review;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/**
 * An item waiting for, or decided by, department staff.
 *
 * @param context what the department's service stored for staff to decide on (its own record)
 */
public record ReviewTask<C>(UUID id, UUID applicationId, Item item, String reasonCode, String reasonMessage,
                            C context, Status status, Instant createdAt, Decision decision,
                         String decisionReasonCode, String decisionMessage, String decidedBy, Instant decidedAt) {

    /**
     * CANCELLED: the application was withdrawn while the task was open; CLOSED: the item ended
     * another way meanwhile (cancelled with its upstream, say), leaving nothing to decide.
     */
    public enum Status { OPEN, DECIDED, CANCELLED, CLOSED }

    /** What staff decide: go on with the item, return it for a supplement, or refuse it. */
    public enum Decision { APPROVE, RETURN, REJECT }
}
