package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import cn.gov.birth.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The household registration officers' review: an approved registration is made as the rules would. */
@Component
class PoliceReview implements DepartmentReview {

    private final CitizenRegistration registration;

    PoliceReview(CitizenRegistration registration) {
        this.registration = registration;
    }

    @Override
    public Department department() {
        return Department.POLICE;
    }

    @Override
    public String topic() {
        return Topics.HUKOU;
    }

    @Override
    public void approve(ReviewTask task) {
        if (!registration.register(task.applicationId(), CitizenRegistration.Birth.of(task.context()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "Sequence space used up",
                    "该县当日出生登记顺序码仍已用尽，无法赋号；请退回或不予办理并说明原因。");
        }
    }
}
