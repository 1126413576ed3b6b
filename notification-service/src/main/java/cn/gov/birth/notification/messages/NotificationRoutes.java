package cn.gov.birth.notification.messages;

import static cn.gov.birth.security.Role.CITIZEN;
import static cn.gov.birth.security.Role.CLERK;
import static cn.gov.birth.security.Role.HOSPITAL;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Messages are their families' (and the clerks' and hospital staff's who filed for them): see {@link NotificationController}. */
@Configuration(proxyBeanMethods = false)
class NotificationRoutes {

    @Bean
    AccessRules notificationAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                .access(Access.anyRole(CITIZEN, CLERK, HOSPITAL));
    }
}
