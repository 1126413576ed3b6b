package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An item passed its promised time limit (办结时限) unfinished: application-service's supervision
 * (全闭环监测) tells the item's department, once per item, on that department's application topic.
 * Only what the department needs to find and finish the case: no personal data.
 */
public record ItemWentOverdue(UUID eventId, UUID applicationId, Instant occurredAt, String reference, Item item,
                              LocalDate deadline) implements BirthEvent {
}
