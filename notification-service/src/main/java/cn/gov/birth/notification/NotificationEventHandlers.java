package cn.gov.birth.notification;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.platform.handlers.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the notification service does with each event: a status change becomes a message for the applicant. */
@Configuration(proxyBeanMethods = false)
class NotificationEventHandlers {

    @Bean
    EventHandlers eventHandlers(Notifications notifications) {
        return EventHandlers.forTopic(Topics.APPLICATION_STATUS)
                .on(ApplicationStatusChanged.class, notifications::on)
                .build();
    }
}
