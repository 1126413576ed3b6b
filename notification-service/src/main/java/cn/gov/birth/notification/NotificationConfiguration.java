package cn.gov.birth.notification;

import static cn.gov.birth.security.Role.CITIZEN;
import static cn.gov.birth.security.Role.CLERK;
import static cn.gov.birth.security.Role.HOSPITAL;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The notification service's event table and routes. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    /** A status change becomes a message for the applicant. */
    @Bean
    EventHandlers eventHandlers(Notifications notifications) {
        return EventHandlers.forTopic(Topics.APPLICATION_STATUS)
                .on(ApplicationStatusChanged.class, notifications::on)
                .build();
    }

    /** Messages are their families' (and the clerks' and hospital staff's who filed for them). */
    @Bean
    AccessRules notificationAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                .access(Access.anyRole(CITIZEN, CLERK, HOSPITAL));
    }
}
