package cn.gov.birth.insurance;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.insurance.enrollment.Enrollments;
import cn.gov.birth.insurance.maternity.MaternityReimbursements;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import org.springframework.stereotype.Component;

/**
 * The insurance officers' review, for both items: an enrollment whose contribution was not set
 * (or whose payment order the channel did not take), and a manual maternity claim.
 */
@Component
class InsuranceReview implements DepartmentReview {

    private final Enrollments enrollments;
    private final MaternityReimbursements maternity;

    InsuranceReview(Enrollments enrollments, MaternityReimbursements maternity) {
        this.enrollments = enrollments;
        this.maternity = maternity;
    }

    @Override
    public Department department() {
        return Department.MEDICAL_INSURANCE;
    }

    @Override
    public String topic() {
        return Topics.INSURANCE;
    }

    @Override
    public void approve(ReviewTask task) {
        switch (task.item()) {
            case MEDICAL_INSURANCE -> enrollments.approve(task);
            case MATERNITY_REIMBURSEMENT -> maternity.approve(task);
            default -> throw new IllegalStateException("no insurance review of " + task.item());
        }
    }
}
