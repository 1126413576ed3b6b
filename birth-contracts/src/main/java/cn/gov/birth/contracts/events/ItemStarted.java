package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.UUID;

/** A department started work on an item. */
public record ItemStarted(UUID eventId, UUID applicationId, Instant occurredAt, Item item) implements ItemFact {
}
