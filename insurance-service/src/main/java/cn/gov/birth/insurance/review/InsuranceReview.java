package cn.gov.birth.insurance.review;

import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The insurance officers' review, for both items: an enrollment whose contribution was not set
 * (or whose payment order the channel did not take), and a manual maternity claim. Each item's
 * service says what approval does.
 */
@Configuration(proxyBeanMethods = false)
class InsuranceReview {

    @Bean
    ReviewQueue<InsuranceCase> reviewQueue(ReviewQueues queues) {
        return queues.of(InsuranceCase.class);
    }
}
