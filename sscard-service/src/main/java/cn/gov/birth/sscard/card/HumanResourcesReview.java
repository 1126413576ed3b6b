package cn.gov.birth.sscard.card;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * HR staff review (no pickup branch of the chosen bank in the household county): approval sends
 * the card by mail to the recipient on the form ({@link CardApplications}); a return or a
 * rejection carries the officer's reason.
 */
@Configuration(proxyBeanMethods = false)
class HumanResourcesReview {

    @Bean
    ReviewQueue<CardOrder> reviewQueue(JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue<>(Department.HUMAN_RESOURCES, CardOrder.class, jdbc, outbox, clock);
    }
}
