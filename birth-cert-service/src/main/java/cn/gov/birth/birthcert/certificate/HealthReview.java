package cn.gov.birth.birthcert.certificate;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import org.springframework.stereotype.Component;

/** The certificate issuers' review (a rare character in the name): approval issues the certificate. */
@Component
class HealthReview implements DepartmentReview {

    private final BirthCertificates certificates;

    HealthReview(BirthCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public Department department() {
        return Department.HEALTH;
    }

    @Override
    public String topic() {
        return Topics.BIRTH_CERT;
    }

    @Override
    public void approve(ReviewTask task) {
        certificates.issue(task.applicationId(), task.context());
    }
}
