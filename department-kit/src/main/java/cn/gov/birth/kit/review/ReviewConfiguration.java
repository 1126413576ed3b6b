package cn.gov.birth.kit.review;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The endpoints of a department service's staff review queue, for a service that declares one ({@link ReviewQueue}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(ReviewQueue.class)
@Import(ReviewController.class)
public class ReviewConfiguration {

    /** The queue is its department's officers' alone. */
    @Bean
    AccessRules reviewAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/{department}/tasks")
                .access(Access.ofPathDepartment(Role.STAFF))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{department}/tasks/{taskId}/decisions")
                .access(Access.ofPathDepartment(Role.STAFF))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{department}/tasks/{taskId}/contacts")
                .access(Access.ofPathDepartment(Role.STAFF))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/{department}/tasks/{taskId}/answers")
                .access(Access.ofPathDepartment(Role.STAFF));
    }
}
