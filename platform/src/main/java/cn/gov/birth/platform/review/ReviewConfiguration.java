package cn.gov.birth.platform.review;

import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A staff review queue for a department service that takes part in review ({@link DepartmentReview}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(DepartmentReview.class)
public class ReviewConfiguration {

    @Bean
    ReviewQueue reviewQueue(DepartmentReview review, JdbcClient jdbc, Outbox outbox, Clock clock) {
        return new ReviewQueue(review, jdbc, outbox, clock);
    }

    @Bean
    ReviewController reviewController(ReviewQueue queue) {
        return new ReviewController(queue);
    }
}
