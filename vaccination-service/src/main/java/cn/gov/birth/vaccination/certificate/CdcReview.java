package cn.gov.birth.vaccination.certificate;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CDC's review of a deferred hepatitis B first dose: approval (the doctor noted the deferral)
 * issues the certificate, which records it ({@link VaccinationCertificates}); a return or a
 * rejection carries the officer's reason.
 */
@Configuration(proxyBeanMethods = false)
class CdcReview {

    @Bean
    ReviewQueue<DeferredDose> reviewQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue<>(Department.CDC, DeferredDose.class, jdbc, outbox, clock);
    }
}
