package cn.gov.birth.birthcert.certificate;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The certificate issuers' review (a rare character in the name): approval issues the certificate ({@link BirthCertificates}). */
@Configuration(proxyBeanMethods = false)
class HealthReview {

    @Bean
    ReviewQueue<Certification> reviewQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue<>(Department.HEALTH, Certification.class, jdbc, outbox, clock);
    }
}
