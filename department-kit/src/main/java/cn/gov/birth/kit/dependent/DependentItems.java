package cn.gov.birth.kit.dependent;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.rendezvous.Rendezvous;

/** Declares a department's {@link DependentItem}s: what each waits for, and its work. */
public class DependentItems {

    private final Rendezvous rendezvous;
    private final ItemFacts facts;

    public DependentItems(Rendezvous rendezvous, ItemFacts facts) {
        this.rendezvous = rendezvous;
        this.facts = facts;
    }

    /**
     * {@code item} waits for {@code upstream}'s final outcome, a fact on its department's topic, and
     * for the application, then does {@code work}: the handlers that subscribe it, for the
     * service's table.
     */
    public EventHandlers waiting(Item item, Item upstream, DependentItem.Work work) {
        if (!item.requires().contains(upstream)) {
            throw new IllegalArgumentException(item + " does not wait for " + upstream);
        }
        return new DependentItem(item, upstream, rendezvous, facts, work).handlers();
    }
}
