package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;

/** A department's fact about one item of an application. */
public interface ItemFact extends BirthEvent {

    Item item();

    /** Whether the fact is the item's final outcome: completed, rejected or cancelled (not started, not returned). */
    default boolean finishes() {
        return this instanceof ItemCompleted || this instanceof ItemRejected || this instanceof ItemCancelled;
    }
}
