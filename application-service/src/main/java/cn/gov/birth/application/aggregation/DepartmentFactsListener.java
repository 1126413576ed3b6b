package cn.gov.birth.application.aggregation;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every department's facts, folded once each into the application's status. */
@Component
class DepartmentFactsListener {

    private final IdempotentConsumer consumer;
    private final StatusAggregator aggregator;

    DepartmentFactsListener(IdempotentConsumer consumer, StatusAggregator aggregator) {
        this.consumer = consumer;
        this.aggregator = aggregator;
    }

    @KafkaListener(topics = {Topics.BIRTH_CERT, Topics.VACCINATION, Topics.HUKOU, Topics.INSURANCE, Topics.SSCARD})
    void on(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, aggregator::on);
    }
}
