package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The applicant-visible state of an application changed: its overall status or one of its items.
 * {@code version} grows by one with every change, so readers can drop stale copies. {@code audience}
 * says who may read it (no ID number in clear).
 */
public record ApplicationStatusChanged(UUID eventId, UUID applicationId, Instant occurredAt, String reference,
                                       long version, ApplicationStatus status, ApplicationStatus previousStatus,
                                       Item changedItem, List<ItemState> items, String applicantPhone,
                                       Audience audience)
        implements BirthEvent {

    public ApplicationStatusChanged {
        items = List.copyOf(items);
    }

    public record ItemState(Item item, ItemStatus status, String reasonCode) {
    }

    /** Its readers: the submitter (a token subject) and the parents, by keyed indexes of their ID numbers. */
    public record Audience(String submittedBy, List<String> parentIndexes) {

        public Audience {
            parentIndexes = parentIndexes == null ? List.of() : List.copyOf(parentIndexes);
        }
    }
}
