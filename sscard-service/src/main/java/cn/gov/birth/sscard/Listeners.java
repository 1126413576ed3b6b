package cn.gov.birth.sscard;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.sscard.card.CardApplications;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted applications and the household registration's facts, each handled once. */
@Component
class Listeners {

    private final IdempotentConsumer consumer;
    private final CardApplications cards;

    Listeners(IdempotentConsumer consumer, CardApplications cards) {
        this.consumer = consumer;
        this.cards = cards;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void onApplication(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, cards::onApplication);
    }

    @KafkaListener(topics = Topics.HUKOU)
    void onHousehold(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, cards::onHousehold);
    }
}
