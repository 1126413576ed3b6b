package cn.gov.birth.platform.review;

import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.http.HttpMethod;
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

    /** The queue is its department's officers' alone. */
    @Bean
    AccessRules reviewAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/{department}/tasks")
                .access(Access.ofPathDepartment(Role.STAFF))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{department}/tasks/{taskId}/decisions")
                .access(Access.ofPathDepartment(Role.STAFF));
    }
}
