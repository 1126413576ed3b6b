package cn.gov.birth.platform.handlers;

import cn.gov.birth.platform.inbox.IdempotentConsumer;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.AbstractKafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter;
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
        handlers.topics().forEach(topic -> registrar.registerEndpoint(endpoint(topic)));
    }

    /** Runs the record's handlers once per event id; a record no handler takes is not even recorded. */
    public void dispatch(ConsumerRecord<String, Object> record) {
        List<Consumer<Object>> effects = handlers.handlersOf(record.topic(), record.value());
        if (!effects.isEmpty()) {
            consumer.handle(record, Object.class, event -> effects.forEach(effect -> effect.accept(event)));
        }
    }

    /** A topic's endpoint: Spring Kafka's, with our listener set up directly instead of a listener method adapter. */
    private AbstractKafkaListenerEndpoint<String, Object> endpoint(String topic) {
        var endpoint = new AbstractKafkaListenerEndpoint<String, Object>() {
            @Override
            public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
                container.setupMessageListener((MessageListener<String, Object>) EventHandlerListeners.this::dispatch);
            }

            @Override
            protected MessagingMessageListenerAdapter<String, Object> createMessageListener(
                    MessageListenerContainer container, MessageConverter converter) {
                throw new UnsupportedOperationException("the listener is set up directly");
            }
        };
        endpoint.setId("birth-events:" + topic);
        endpoint.setTopics(topic);
        return endpoint;
    }
}
