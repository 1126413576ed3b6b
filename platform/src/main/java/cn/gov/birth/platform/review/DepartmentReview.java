package cn.gov.birth.platform.review;

import cn.gov.birth.contracts.Department;

/**
 * A department service's part in staff review: whose staff decide, where the item's facts go,
 * and what approval means. A service that has one gets a {@link ReviewQueue} and its endpoints.
 */
public interface DepartmentReview {

    Department department();

    /** The service's own topic, where the review's outcome is published. */
    String topic();

    /**
     * The item's own work once staff approve, publishing its outcome through the outbox. Runs in
     * the decision's transaction; throwing (a {@code ProblemException} with a 409, say) leaves
     * the task open and changes nothing.
     */
    void approve(ReviewTask task);
}
