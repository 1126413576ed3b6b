package cn.gov.birth.application.core;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import java.util.Collection;

/**
 * How department facts fold into item states and one overall state. Facts about different items
 * travel on different topics and may arrive in any order, so the fold never lets a late fact
 * undo a final one.
 */
final class StatusFolding {

    /** The item's state after the fact. */
    static ItemStatus next(ItemStatus current, ItemFact fact) {
        if (current.isFinal()) {
            return current;
        }
        return switch (fact) {
            case ItemCompleted completed -> ItemStatus.COMPLETED;
            case ItemReturned returned -> ItemStatus.RETURNED;
            case ItemRejected rejected -> ItemStatus.REJECTED;
            case ItemCancelled cancelled -> ItemStatus.CANCELLED;
            case ItemStarted started -> ItemStatus.IN_PROGRESS;
            case ItemAwaitingReview awaiting -> ItemStatus.IN_PROGRESS;
            default -> current;
        };
    }

    /**
     * The application's state given its items' states; {@code current} matters only while no
     * department has reported yet (ACCEPTED) or for applications never distributed.
     */
    static ApplicationStatus overall(ApplicationStatus current, Collection<ItemStatus> items, boolean anyFact) {
        // Never distributed, or finished (a withdrawn one stays so, whatever departments report late).
        if (current == ApplicationStatus.NEEDS_SUPPLEMENT || current.isFinal()) {
            return current;
        }
        if (items.contains(ItemStatus.RETURNED)) {
            return ApplicationStatus.ACTION_REQUIRED;
        }
        if (!items.isEmpty() && items.stream().allMatch(ItemStatus::isFinal)) {
            // An item granted at the hospital (免申即享) is the family's as much as a completed one.
            return items.stream().allMatch(s -> s == ItemStatus.COMPLETED || s == ItemStatus.GRANTED_AT_HOSPITAL)
                    ? ApplicationStatus.COMPLETED : ApplicationStatus.PARTIALLY_COMPLETED;
        }
        return anyFact ? ApplicationStatus.IN_PROGRESS : ApplicationStatus.ACCEPTED;
    }

    private StatusFolding() {
    }
}
