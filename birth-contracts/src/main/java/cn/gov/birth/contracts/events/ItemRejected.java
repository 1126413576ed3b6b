package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/** A department refused an item, saying why. */
public record ItemRejected(UUID eventId, UUID applicationId, Instant occurredAt, Item item, String reasonCode, String message) implements ItemNotCompleted {
}
