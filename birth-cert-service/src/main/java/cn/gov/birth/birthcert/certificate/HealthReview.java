package cn.gov.birth.birthcert.certificate;

import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The certificate issuers' review (a rare character in the name): approval issues the certificate ({@link BirthCertificates}). */
@Configuration(proxyBeanMethods = false)
class HealthReview {

    @Bean
    ReviewQueue<Certification> reviewQueue(ReviewQueues queues) {
        return queues.of(Certification.class);
    }
}
