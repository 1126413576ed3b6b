package cn.gov.birth.birthcert;

import cn.gov.birth.birthcert.certificate.BirthCertificates;
import cn.gov.birth.birthcert.guidance.ParentingGuidance;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted applications, handed once each to the certificate and the guidance enrollment; supplements and withdrawals. */
@Component
class ApplicationListener {

    private final IdempotentConsumer consumer;
    private final Withdrawals withdrawals;
    private final BirthCertificates certificates;
    private final ParentingGuidance guidance;

    ApplicationListener(IdempotentConsumer consumer, BirthCertificates certificates, ParentingGuidance guidance,
                        Withdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
        this.certificates = certificates;
        this.guidance = guidance;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void on(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, application -> {
            certificates.on(application);
            guidance.on(application);
        });
        consumer.handle(record, ApplicationSupplemented.class, supplement -> {
            if (supplement.resumes(Item.BIRTH_CERT)) {
                certificates.on(supplement.corrected());
            }
        });
        consumer.handle(record, ApplicationWithdrawn.class, withdrawals::onWithdrawn);
    }
}
