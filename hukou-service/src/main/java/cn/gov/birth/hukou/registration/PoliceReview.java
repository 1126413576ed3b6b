package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import cn.gov.birth.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The household registration officers' review: an approved registration is made as the rules
 * would; while the county still has no station or no sequence left, approval is refused (409)
 * and the task stays open.
 */
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
        var birth = CitizenRegistration.Birth.of(task.context());
        switch (registration.register(task.applicationId(), birth)) {
            case REGISTERED -> { }
            case NO_POLICE_STATION -> throw new ProblemException(HttpStatus.CONFLICT, "No police station",
                    "户籍所在地（" + birth.division() + "）仍没有登记出生的派出所，无法登记；"
                            + "请先导入该县的派出所（police-stations），或退回或不予办理并说明原因。");
            case SEQUENCE_EXHAUSTED -> throw new ProblemException(HttpStatus.CONFLICT, "Sequence space used up",
                    "该县当日出生登记顺序码仍已用尽，无法赋号；请退回或不予办理并说明原因。");
        }
    }
}
