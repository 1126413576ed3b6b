package cn.gov.birth.sscard;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import cn.gov.birth.sscard.card.CardApplications;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted and withdrawn applications and the household registration's facts, each handled once. */
@Component
class Listeners {

    private final IdempotentConsumer consumer;
    private final Withdrawals withdrawals;
    private final CardApplications cards;

    Listeners(IdempotentConsumer consumer, CardApplications cards, Withdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
        this.cards = cards;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void onApplication(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, cards::onApplication);
        consumer.handle(record, ApplicationSupplemented.class, cards::onSupplement);
        consumer.handle(record, ApplicationWithdrawn.class, withdrawals::onWithdrawn);
    }

    @KafkaListener(topics = Topics.HUKOU)
    void onHousehold(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, cards::onHousehold);
    }
}
