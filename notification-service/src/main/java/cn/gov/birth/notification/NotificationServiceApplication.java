package cn.gov.birth.notification;

import static cn.gov.birth.security.Role.CITIZEN;
import static cn.gov.birth.security.Role.CLERK;
import static cn.gov.birth.security.Role.HOSPITAL;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.notification.sms.SmsMessages;
import cn.gov.birth.notification.stream.StatusStreams;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import java.time.Clock;
import java.time.Duration;
import org.apache.tomcat.util.threads.VirtualThreadExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Messages to applicants about their application's progress; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }

    /** The sealed columns of the messages: a key rotation re-encrypts them. */
    @Bean
    EncryptedColumn notificationRecipient() {
        return Notifications.RECIPIENT;
    }

    @Bean
    EncryptedColumn notificationText() {
        return Notifications.TEXT;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A status change becomes a message for the applicant, then its SMS (sent later by SmsSender),
     * and the application's live streams send it; a department's answer to the family's 差评 or
     * complaint becomes a message and its SMS too.
     */
    @Bean
    EventHandlers eventHandlers(Notifications notifications, SmsMessages sms, StatusStreams streams) {
        return EventHandlers.forTopic(Topics.APPLICATION_STATUS)
                .on(ApplicationStatusChanged.class, change -> streams.recorded(notifications.on(change)))
                .on(ApplicationStatusChanged.class, sms::on)
                .on(FamilyAnswered.class, notifications::on)
                .on(FamilyAnswered.class, sms::on)
                .build();
    }

    /** Messages are their families' (and the clerks' and hospital staff's who filed for them). */
    @Bean
    AccessRules notificationAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/notifications")
                .access(Access.anyRole(CITIZEN, CLERK, HOSPITAL));
    }

    /** An application's live status stream: the same people as its messages (StatusStreamController). */
    @Bean
    AccessRules statusStreamAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/applications/*/events")
                .access(Access.anyRole(CITIZEN, CLERK, HOSPITAL));
    }

    /**
     * Requests on virtual threads: a stream's first request may wait seconds for the application's
     * first message (StatusStreams), which must not hold one of the web server's few platform threads.
     */
    @Bean
    TomcatProtocolHandlerCustomizer<?> requestsOnVirtualThreads() {
        return handler -> handler.setExecutor(new VirtualThreadExecutor("notification-request-"));
    }

    /** The messages of finished applications go {@code birth.retention.notifications} after the last one. */
    @Bean
    Purge notificationPurge(@Value("${birth.retention.notifications}") Duration period) {
        return Notifications.finishedApplications(period);
    }
}
