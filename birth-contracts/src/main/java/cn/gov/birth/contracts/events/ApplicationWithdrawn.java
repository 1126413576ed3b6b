package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The applicant withdrew a distributed application (撤回). Each department cancels those of
 * {@code openItems} (unfinished as application-service saw them) it has not finished itself.
 */
public record ApplicationWithdrawn(UUID eventId, UUID applicationId, Instant occurredAt, List<Item> openItems,
                                   String reason) implements BirthEvent {

    public ApplicationWithdrawn {
        openItems = List.copyOf(openItems);
    }
}
