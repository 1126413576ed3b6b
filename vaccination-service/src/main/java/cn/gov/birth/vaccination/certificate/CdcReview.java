package cn.gov.birth.vaccination.certificate;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.platform.review.DepartmentReview;
import cn.gov.birth.platform.review.ReviewTask;
import org.springframework.stereotype.Component;

/**
 * The CDC's review of a deferred hepatitis B first dose: approval (the doctor noted the deferral)
 * issues the certificate, which records it; a return or a rejection carries the officer's reason.
 */
@Component
class CdcReview implements DepartmentReview {

    private final VaccinationCertificates certificates;

    CdcReview(VaccinationCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public Department department() {
        return Department.CDC;
    }

    @Override
    public String topic() {
        return Topics.VACCINATION;
    }

    @Override
    public void approve(ReviewTask task) {
        certificates.issueDeferred(task.applicationId(), task.context());
    }
}
