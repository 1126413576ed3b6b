package cn.gov.birth.application.aggregation;

import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every department's facts, applied once each to their application. */
@Component
class DepartmentFactsListener {

    private static final Logger log = LoggerFactory.getLogger(DepartmentFactsListener.class);

    private final IdempotentConsumer consumer;
    private final ApplicationRepository applications;
    private final Clock clock;

    DepartmentFactsListener(IdempotentConsumer consumer, ApplicationRepository applications, Clock clock) {
        this.consumer = consumer;
        this.applications = applications;
        this.clock = clock;
    }

    @KafkaListener(topics = {Topics.BIRTH_CERT, Topics.VACCINATION, Topics.HUKOU, Topics.INSURANCE, Topics.SSCARD})
    void on(ConsumerRecord<String, BirthEvent> record) {
        consumer.handle(record, ItemFact.class, this::apply);
    }

    private void apply(ItemFact fact) {
        applications.lock(fact.applicationId()).ifPresentOrElse(
                application -> applications.save(application, application.apply(fact, clock.instant())),
                () -> log.warn("Fact {} for unknown application {} ignored", fact.eventId(), fact.applicationId()));
    }
}
