package cn.gov.birth.hukou.registration;

import cn.gov.birth.hukou.registration.CitizenRegistration.Birth;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The household registration officers' review: an approved registration is made as the rules
 * would ({@link HouseholdRegistrations}); staff see the birth to register.
 */
@Configuration(proxyBeanMethods = false)
class PoliceReview {

    @Bean
    ReviewQueue<Birth> reviewQueue(ReviewQueues queues) {
        return queues.of(Birth.class);
    }
}
