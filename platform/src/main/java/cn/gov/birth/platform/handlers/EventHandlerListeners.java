package cn.gov.birth.platform.handlers;

import cn.gov.birth.platform.inbox.IdempotentConsumer;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.KafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.converter.MessageConverter;

/**
 * The one Kafka listener of a service with an {@link EventHandlers} table: a listener container
 * per topic of the table, made by the default container factory (so the service's consumer group,
 * concurrency, retries and dead letters, see {@code KafkaConventions}), each handing every record
 * to the table's handlers through the {@link IdempotentConsumer}.
 */
public class EventHandlerListeners implements KafkaListenerConfigurer {

    private final EventHandlers handlers;
    private final IdempotentConsumer consumer;

    public EventHandlerListeners(EventHandlers handlers, IdempotentConsumer consumer) {
        this.handlers = handlers;
        this.consumer = consumer;
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        handlers.topics().forEach(topic -> registrar.registerEndpoint(new TopicEndpoint(topic, this::dispatch)));
    }

    /** Runs the record's handlers once per event id; a record no handler takes is not even recorded. */
    public void dispatch(ConsumerRecord<String, Object> record) {
        List<Consumer<Object>> effects = handlers.handlersOf(record.topic(), record.value());
        if (!effects.isEmpty()) {
            consumer.handle(record, Object.class, event -> effects.forEach(effect -> effect.accept(event)));
        }
    }

    /** One topic's endpoint; everything not said here is the container factory's default. */
    private record TopicEndpoint(String topic, MessageListener<String, Object> listener)
            implements KafkaListenerEndpoint {

        @Override
        public String getId() {
            return "birth-events:" + topic;
        }

        @Override
        public String getGroupId() {
            return null;
        }

        @Override
        public String getGroup() {
            return null;
        }

        @Override
        public Collection<String> getTopics() {
            return List.of(topic);
        }

        @Override
        public TopicPartitionOffset[] getTopicPartitionsToAssign() {
            return new TopicPartitionOffset[0];
        }

        @Override
        public Pattern getTopicPattern() {
            return null;
        }

        @Override
        public String getClientIdPrefix() {
            return null;
        }

        @Override
        public Integer getConcurrency() {
            return null;
        }

        @Override
        public Boolean getAutoStartup() {
            return null;
        }

        @Override
        public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
            container.setupMessageListener(listener);
        }

        @Override
        public boolean isSplitIterables() {
            return false;
        }

        @Override
        public String getAckMode() {
            return null;
        }
    }
}
