package cn.gov.birth.vaccination.certificate;

import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CDC's review of a deferred hepatitis B first dose: approval (the doctor noted the deferral)
 * issues the certificate, which records it ({@link VaccinationCertificates}); a return or a
 * rejection carries the officer's reason.
 */
@Configuration(proxyBeanMethods = false)
class CdcReview {

    @Bean
    ReviewQueue<DeferredDose> reviewQueue(ReviewQueues queues) {
        return queues.of(DeferredDose.class);
    }
}
