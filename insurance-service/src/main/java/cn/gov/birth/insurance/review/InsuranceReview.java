package cn.gov.birth.insurance.review;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The insurance officers' review, for both items: an enrollment whose contribution was not set
 * (or whose payment order the channel did not take), and a manual maternity claim. Each item's
 * service says what approval does.
 */
@Configuration(proxyBeanMethods = false)
class InsuranceReview {

    @Bean
    ReviewQueue<InsuranceCase> reviewQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue<>(Department.MEDICAL_INSURANCE, InsuranceCase.class, jdbc, outbox, clock);
    }
}
