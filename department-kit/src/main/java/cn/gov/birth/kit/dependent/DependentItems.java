package cn.gov.birth.kit.dependent;

import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;

/** Declares a department's {@link DependentItem}s: what each waits for, and its work. */
public class DependentItems {

    private final Rendezvous rendezvous;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    public DependentItems(Rendezvous rendezvous, Outbox outbox, ItemOutcomes outcomes, Clock clock) {
        this.rendezvous = rendezvous;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
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
        return new DependentItem(item, upstream, rendezvous, outbox, outcomes, clock, work).handlers();
    }
}
