package cn.gov.birth.platform.rendezvous;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;

/** Declares a department's {@link DependentItem}s: what each waits for, and its work. */
public class DependentItems {

    private final Rendezvous rendezvous;
    private final Outbox outbox;
    private final Clock clock;

    public DependentItems(Rendezvous rendezvous, Outbox outbox, Clock clock) {
        this.rendezvous = rendezvous;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * {@code item} waits for {@code upstream}'s final outcome, a fact on {@code upstreamTopic}, and
     * for the application, then does {@code work}: the handlers that subscribe it, for the
     * service's table.
     */
    public EventHandlers waiting(Item item, Item upstream, String upstreamTopic, DependentItem.Work work) {
        if (!item.requires().contains(upstream)) {
            throw new IllegalArgumentException(item + " does not wait for " + upstream);
        }
        return new DependentItem(item, upstream, rendezvous, outbox, clock, work).handlers(upstreamTopic);
    }
}
