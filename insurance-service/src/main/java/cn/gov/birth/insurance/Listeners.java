package cn.gov.birth.insurance;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.insurance.enrollment.Enrollments;
import cn.gov.birth.insurance.maternity.MaternityReimbursements;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Accepted, supplemented and withdrawn applications and the household registration's facts, each handled once. */
@Component
class Listeners {

    private final IdempotentConsumer consumer;
    private final Withdrawals withdrawals;
    private final Enrollments enrollments;
    private final MaternityReimbursements maternity;

    Listeners(IdempotentConsumer consumer, Enrollments enrollments, MaternityReimbursements maternity,
              Withdrawals withdrawals) {
        this.consumer = consumer;
        this.withdrawals = withdrawals;
        this.enrollments = enrollments;
        this.maternity = maternity;
    }

    @KafkaListener(topics = Topics.APPLICATION)
    void onApplication(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ApplicationSubmitted.class, application -> {
            maternity.on(application);
            enrollments.onApplication(application);
        });
        consumer.handle(record, ApplicationSupplemented.class, supplement -> {
            enrollments.onSupplement(supplement);
            if (supplement.resumes(Item.MATERNITY_REIMBURSEMENT)) {
                maternity.on(supplement.corrected());
            }
        });
        consumer.handle(record, ApplicationWithdrawn.class, withdrawals::onWithdrawn);
    }

    @KafkaListener(topics = Topics.HUKOU)
    void onHousehold(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, enrollments::onHousehold);
    }
}
