package cn.gov.birth.kit.dependent;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.retention.RetentionConfiguration;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * An item that needs another item's result (前后置关系): it starts once both the application and
 * the upstream item's final outcome are there, whichever came first, and is cancelled with the
 * upstream's reason when the upstream was not completed. Dependencies are choreographed: each
 * department waits for the fact it needs on the upstream department's topic. A service declares
 * one through {@link DependentItems} and includes its handlers in its {@link EventHandlers}.
 */
public class DependentItem {

    private static final String APPLICATION = "application";
    private static final String UPSTREAM = "upstream";
    private static final Set<String> NEEDED = Set.of(APPLICATION, UPSTREAM);
    /** Whether a rendezvous part is of a join of {@link #key this form} whose item has its final outcome. */
    private static final String ITEM_FINISHED = """
            case when rendezvous_part.join_key ~ '^[A-Z_]+:[0-9a-f-]{36}$' then exists (
                select 1 from item_outcome o where o.item = split_part(rendezvous_part.join_key, ':', 1)
                and o.application_id = cast(split_part(rendezvous_part.join_key, ':', 2) as uuid))
            else false end""";

    /** The item's work, given the application and upstream completion; after {@link ItemStarted}, same transaction. */
    @FunctionalInterface
    public interface Work {
        void start(ApplicationSubmitted application, ItemCompleted upstream);
    }

    private final Item item;
    private final Item upstream;
    private final Rendezvous rendezvous;
    private final ItemFacts facts;
    private final Work work;

    DependentItem(Item item, Item upstream, Rendezvous rendezvous, ItemFacts facts, Work work) {
        this.item = item;
        this.upstream = upstream;
        this.rendezvous = rendezvous;
        this.facts = facts;
        this.work = work;
    }

    /** What the item listens to: applications and supplements, and the upstream department's facts on its topic. */
    EventHandlers handlers() {
        return EventHandlers.forTopic(Topics.applicationsFor(item.department()))
                .on(ApplicationSubmitted.class, this::onApplication)
                .on(ApplicationSupplemented.class, this::onSupplement)
                .forTopic(Topics.of(upstream.department()))
                .on(ItemFact.class, this::onUpstreamFact)
                .build();
    }

    private void onApplication(ApplicationSubmitted application) {
        if (application.requests(item)) {
            arrive(application, APPLICATION);
        }
    }

    /** Any fact from the upstream department's topic; only the upstream item's final outcome counts. */
    private void onUpstreamFact(ItemFact fact) {
        if (fact.item() == upstream && fact.finishes()) {
            arrive(fact, UPSTREAM);
        }
    }

    /**
     * A supplement: the corrected form replaces the one kept. An item still waiting starts with it
     * later; an item this department returned ({@code resumedItems}) is decided again now.
     */
    private void onSupplement(ApplicationSupplemented supplement) {
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
        if (facts.hasFinished(id, item)) {
            // Withdrawn (or otherwise finished) while it waited: nothing more to do.
            return;
        }
        if (outcome instanceof ItemNotCompleted notCompleted) {
            facts.cancelled(id, item, "UPSTREAM_NOT_COMPLETED",
                    "前置事项未办结（" + notCompleted.message() + "），本事项无法办理");
            return;
        }
        facts.started(id, item);
        work.start(application, (ItemCompleted) outcome);
    }

    /**
     * A join's parts stay while its item is not finished, whenever the join fired: a returned item
     * that the applicant corrects later runs again on them ({@link #onSupplement}).
     */
    public static Purge.Keep partsUntilFinished() {
        return new Purge.Keep(RetentionConfiguration.RENDEZVOUS_PARTS, "not (" + ITEM_FINISHED + ")");
    }

    /**
     * The parts of a finished item's join, {@code period} after they arrived, whether or not it fired:
     * a corrected form that comes after the item finished is stored for a join that never runs again.
     */
    public static Purge partsOfFinishedItems(Duration period) {
        return Purge.of("finished-item-parts", "rendezvous_part", "arrived_at", period).where(ITEM_FINISHED);
    }
}
