package cn.gov.birth.notification;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.notification.inbox.Notifications;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Status changes, each turned once into a message for the applicant. */
@Component
class StatusListener {

    private final IdempotentConsumer consumer;
    private final Notifications notifications;

    StatusListener(IdempotentConsumer consumer, Notifications notifications) {
        this.consumer = consumer;
        this.notifications = notifications;
    }

    @KafkaListener(topics = Topics.APPLICATION_STATUS)
    void on(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationStatusChanged.class, notifications::on);
    }
}
