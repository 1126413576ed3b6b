package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.hukou.registration.CitizenRegistration.Birth;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The household registration officers' review: an approved registration is made as the rules
 * would ({@link HouseholdRegistrations}); staff see the birth to register.
 */
@Configuration(proxyBeanMethods = false)
class PoliceReview {

    @Bean
    ReviewQueue<Birth> reviewQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue<>(Department.POLICE, Birth.class, jdbc, outbox, clock);
    }
}
