package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/** An item will not be done: withdrawn, or an item it depends on was not completed. */
public record ItemCancelled(UUID eventId, UUID applicationId, Instant occurredAt, Item item, String reasonCode, String message) implements ItemNotCompleted {
}
