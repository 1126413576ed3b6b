package cn.gov.birth.kit.outcome;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;

/**
 * A department's facts about its items, published on its topic in the caller's transaction: what
 * starting, returning, rejecting or cancelling an item comes down to, written once for every service.
 */
public class ItemFacts {

    private final Department department;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    public ItemFacts(@Value("${birth.department}") Department department, Outbox outbox, ItemOutcomes outcomes,
                     Clock clock) {
        this.department = department;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    public Department department() {
        return department;
    }

    public void publish(ItemFact fact) {
        outbox.publish(Topics.of(department), fact);
    }

    /** Staff's answer to a family's 差评 or complaint: for application-service alone, not beside the facts. */
    public void publish(FollowUpAnswered answer) {
        outbox.publish(Topics.FOLLOW_UP_ANSWERS, answer);
    }

    /** See {@link ItemOutcomes#hasFinished}. */
    public boolean hasFinished(UUID applicationId, Item item) {
        return outcomes.hasFinished(applicationId, item);
    }

    /** Starts the item if the application requests it and it has not finished already (withdrawn, say). */
    public boolean start(ApplicationSubmitted application, Item item) {
        if (!application.requests(item) || hasFinished(application.applicationId(), item)) {
            return false;
        }
        started(application.applicationId(), item);
        return true;
    }

    public void started(UUID applicationId, Item item) {
        publish(new ItemStarted(UUID.randomUUID(), applicationId, clock.instant(), item));
    }

    public void returned(UUID applicationId, Item item, String reasonCode, String message) {
        publish(new ItemReturned(UUID.randomUUID(), applicationId, clock.instant(), item, reasonCode, message));
    }

    public void rejected(UUID applicationId, Item item, String reasonCode, String message) {
        publish(new ItemRejected(UUID.randomUUID(), applicationId, clock.instant(), item, reasonCode, message));
    }

    public void cancelled(UUID applicationId, Item item, String reasonCode, String message) {
        publish(new ItemCancelled(UUID.randomUUID(), applicationId, clock.instant(), item, reasonCode, message));
    }
}
