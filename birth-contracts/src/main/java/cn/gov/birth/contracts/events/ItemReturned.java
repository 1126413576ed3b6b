package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/** A department returned an item for a supplement (退件), saying why. */
public record ItemReturned(UUID eventId, UUID applicationId, Instant occurredAt, Item item, String reasonCode, String message) implements ItemNotCompleted {
}
