package cn.gov.birth.kit.withdrawal;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.kit.review.ReviewQueue;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's part in a withdrawal (撤回): each of its items the applicant left open and it has
 * not finished is cancelled, and its open review tasks close; finished items stay as they are.
 * An item cancelled here never starts later (its outcome is recorded, see {@link ItemOutcomes}).
 */
public class Withdrawals {

    private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

    private final ItemFacts facts;
    private final Optional<ReviewQueue<?>> review;

    public Withdrawals(ItemFacts facts, Optional<ReviewQueue<?>> review) {
        this.facts = facts;
        this.review = review;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onWithdrawn(ApplicationWithdrawn withdrawn) {
        UUID id = withdrawn.applicationId();
        // The review tasks first, as a staff decision locks them first: the two never wait on each other in a circle.
        review.ifPresent(queue -> queue.cancelOpen(id));
        for (Item item : withdrawn.openItems()) {
            if (item.department() == facts.department() && !facts.hasFinished(id, item)) {
                facts.cancelled(id, item, "WITHDRAWN", "申请人已撤回申请，本事项不再办理");
                log.info("{} of application {} cancelled: withdrawn", item, id);
            }
        }
    }
}
