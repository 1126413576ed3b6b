package cn.gov.birth.hukou;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.hukou.registration.HouseholdRegistrations;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted and withdrawn applications and the birth certificate's facts, each handled once. */
@Component
class Listeners {

    private final IdempotentConsumer consumer;
    private final Withdrawals withdrawals;
    private final HouseholdRegistrations registrations;

    Listeners(IdempotentConsumer consumer, HouseholdRegistrations registrations, Withdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
        this.registrations = registrations;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void onApplication(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, registrations::onApplication);
        consumer.handle(record, ApplicationSupplemented.class, registrations::onSupplement);
        consumer.handle(record, ApplicationWithdrawn.class, withdrawals::onWithdrawn);
    }

    @KafkaListener(topics = Topics.BIRTH_CERT)
    void onBirthCertificate(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, registrations::onBirthCertificate);
    }
}
