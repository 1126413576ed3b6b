package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The family's 差评 or complaint opened a follow-up its department owes: a task in that department's
 * queue. Carries only what staff need: the item (null: the service as a whole), the level of a 差评,
 * the family's own words, the due dates (a complaint has no contact date) and the region.
 *
 * @param followUpId application-service's id of the follow-up, which the answer names
 * @param score the 差评's level (1-2); null for a complaint
 */
public record FollowUpOpened(UUID eventId, UUID applicationId, Instant occurredAt, UUID followUpId, FollowUpKind kind,
                             Department department, Item item, String region, Integer score, String text,
                             LocalDate contactDue, LocalDate answerDue) implements BirthEvent {
}
