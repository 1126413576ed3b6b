package cn.gov.birth.platform.rendezvous;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * An item that needs another item's result (前后置关系): it starts once both the application and
 * the upstream item's final outcome are there, whichever came first, and is cancelled with the
 * upstream's reason when the upstream was not completed. Dependencies are choreographed: each
 * department waits for the fact it needs on the upstream department's topic.
 */
public class DependentItem {

    private static final String APPLICATION = "application";
    private static final String UPSTREAM = "upstream";
    private static final Set<String> NEEDED = Set.of(APPLICATION, UPSTREAM);

    private final Item item;
    private final Item upstream;
    private final String topic;
    private final Rendezvous rendezvous;
    private final Outbox outbox;
    private final Clock clock;
    private final BiConsumer<ApplicationSubmitted, ItemCompleted> work;

    /**
     * @param topic where this item's facts are published
     * @param work  the item's own work, given the application and the upstream completion; runs
     *              after {@link ItemStarted} is published, in the same transaction
     */
    public DependentItem(Item item, Item upstream, String topic, Rendezvous rendezvous, Outbox outbox, Clock clock,
                         BiConsumer<ApplicationSubmitted, ItemCompleted> work) {
        this.item = item;
        this.upstream = upstream;
        this.topic = topic;
        this.rendezvous = rendezvous;
        this.outbox = outbox;
        this.clock = clock;
        this.work = work;
    }

    public void onApplication(ApplicationSubmitted application) {
        if (application.requests(item)) {
            arrive(application, APPLICATION);
        }
    }

    /** Any fact from the upstream department's topic; only the upstream item's final outcome counts. */
    public void onUpstreamFact(ItemFact fact) {
        if (fact.item() == upstream && fact.finishes()) {
            arrive(fact, UPSTREAM);
        }
    }

    /**
     * A supplement: the corrected form replaces the one kept. An item still waiting starts with it
     * later; an item this department returned ({@code resumedItems}) is decided again now.
     */
    public void onSupplement(ApplicationSupplemented supplement) {
        if (!supplement.corrected().requests(item)) {
            return;
        }
        rendezvous.replace(key(supplement), APPLICATION, supplement.corrected()).ifPresent(parts -> {
            if (supplement.resumes(item)) {
                run(parts);
            }
        });
    }

    private void arrive(BirthEvent event, String part) {
        rendezvous.arrive(key(event), part, event, NEEDED).ifPresent(this::run);
    }

    private String key(BirthEvent event) {
        return item + ":" + event.applicationId();
    }

    private void run(Rendezvous.Parts parts) {
        ApplicationSubmitted application = parts.get(APPLICATION, ApplicationSubmitted.class);
        ItemFact outcome = parts.get(UPSTREAM, ItemFact.class);
        UUID id = application.applicationId();
        if (outbox.hasFinished(id, item)) {
            // Withdrawn (or otherwise finished) while it waited: nothing more to do.
            return;
        }
        if (outcome instanceof ItemNotCompleted notCompleted) {
            outbox.publish(topic, new ItemCancelled(UUID.randomUUID(), id, clock.instant(), item,
                    "UPSTREAM_NOT_COMPLETED", "前置事项未办结（" + notCompleted.message() + "），本事项无法办理"));
            return;
        }
        outbox.publish(topic, new ItemStarted(UUID.randomUUID(), id, clock.instant(), item));
        work.accept(application, (ItemCompleted) outcome);
    }
}
