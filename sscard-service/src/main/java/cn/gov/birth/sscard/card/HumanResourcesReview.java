package cn.gov.birth.sscard.card;

import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HR staff review (no pickup branch of the chosen bank in the household county): approval sends
 * the card by mail to the recipient on the form ({@link CardApplications}); a return or a
 * rejection carries the officer's reason.
 */
@Configuration(proxyBeanMethods = false)
class HumanResourcesReview {

    @Bean
    ReviewQueue<CardOrder> reviewQueue(ReviewQueues queues) {
        return queues.of(CardOrder.class);
    }
}
