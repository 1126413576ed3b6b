package cn.gov.birth.sscard.card;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import org.springframework.stereotype.Component;

/**
 * HR staff review (no pickup branch of the chosen bank in the household county): approval sends
 * the card by mail to the recipient on the form; a return or a rejection carries the officer's reason.
 */
@Component
class HumanResourcesReview implements DepartmentReview {

    private final CardApplications cards;

    HumanResourcesReview(CardApplications cards) {
        this.cards = cards;
    }

    @Override
    public Department department() {
        return Department.HUMAN_RESOURCES;
    }

    @Override
    public String topic() {
        return Topics.SSCARD;
    }

    @Override
    public void approve(ReviewTask task) {
        cards.requestByMail(task.applicationId(), task.context());
    }
}
