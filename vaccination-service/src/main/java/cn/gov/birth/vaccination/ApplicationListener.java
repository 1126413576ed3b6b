package cn.gov.birth.vaccination;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import cn.gov.birth.vaccination.certificate.VaccinationCertificates;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted applications, handed once each to the vaccination certificate; supplements and withdrawals. */
@Component
class ApplicationListener {

    private final IdempotentConsumer consumer;
    private final Withdrawals withdrawals;
    private final VaccinationCertificates certificates;

    ApplicationListener(IdempotentConsumer consumer, VaccinationCertificates certificates, Withdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
        this.certificates = certificates;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void on(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, certificates::on);
        consumer.handle(record, ApplicationSupplemented.class, certificates::onSupplement);
        consumer.handle(record, ApplicationWithdrawn.class, withdrawn -> {
            certificates.onWithdrawn(withdrawn);
            withdrawals.onWithdrawn(withdrawn);
        });
    }
}
