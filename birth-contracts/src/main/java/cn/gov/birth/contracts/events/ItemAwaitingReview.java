package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/**
 * A department's rules could not decide an item on their own (a late registration, a sequence
 * space used up, a manual claim): it waits in the department's staff review queue, saying why.
 * Not final: staff approve, return or reject it.
 */
public record ItemAwaitingReview(UUID eventId, UUID applicationId, Instant occurredAt, Item item, String reasonCode,
                                 String message) implements ItemNotCompleted {
}
