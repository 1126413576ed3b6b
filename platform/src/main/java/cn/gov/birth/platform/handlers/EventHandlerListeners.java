package cn.gov.birth.platform.handlers;

import cn.gov.birth.platform.inbox.IdempotentConsumer;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.AbstractKafkaListenerEndpoint;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.adapter.MessagingMessageListenerAdapter;
import org.springframework.kafka.support.converter.MessageConverter;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The one Kafka listener of a service with an {@link EventHandlers} table: one listener container
 * for all the table's topics, made by the default container factory (so the service's consumer
 * group, concurrency, retries and dead letters, see {@code KafkaConventions}), handing each poll's
 * records to the table's handlers through the {@link IdempotentConsumer}, in one transaction.
 * <p>
 * One container, not one per topic: a service's consumers fetch all its topics at once (application-service
 * reads seven), and a poll's facts share a commit. An application's events have its id as key, so
 * with the topics' equal partition counts one consumer gets all of an application's partitions.
 */
public class EventHandlerListeners implements KafkaListenerConfigurer {

    private final EventHandlers handlers;
    private final IdempotentConsumer consumer;

    public EventHandlerListeners(EventHandlers handlers, IdempotentConsumer consumer) {
        this.handlers = handlers;
        this.consumer = consumer;
    }

    private static final LogAccessor LOG = new LogAccessor(EventHandlerListeners.class);

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        registrar.registerEndpoint(endpoint());
    }

    /** A poll's records, in one transaction (see {@link IdempotentConsumer#handleBatch}). */
    public void dispatch(List<ConsumerRecord<String, Object>> records) {
        consumer.handleBatch(records, this::effectOf, handlers::prepare);
    }

    /** One record, in its own transaction: its handlers run once per event id. */
    public void dispatch(ConsumerRecord<String, Object> record) {
        effectOf(record).ifPresent(effect -> consumer.handle(record, Object.class, effect));
    }

    /**
     * The record's handlers, one after the other; empty when no handler takes the record (it is not
     * even recorded). A record that could not be read fails with its {@link DeserializationException},
     * which the error handler sends to the dead letters at once.
     */
    private Optional<Consumer<Object>> effectOf(ConsumerRecord<String, Object> record) {
        if (record.value() == null) {
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            if (unreadable != null) {
                throw unreadable;
            }
        }
        List<Consumer<Object>> effects = handlers.handlersOf(record.topic(), record.value());
        return effects.isEmpty() ? Optional.empty()
                : Optional.of(event -> effects.forEach(effect -> effect.accept(event)));
    }

    /** The endpoint: Spring Kafka's, with our batch listener set up directly instead of a listener method adapter. */
    private AbstractKafkaListenerEndpoint<String, Object> endpoint() {
        var endpoint = new AbstractKafkaListenerEndpoint<String, Object>() {
            @Override
            public void setupListenerContainer(MessageListenerContainer container, MessageConverter converter) {
                container.setupMessageListener(
                        (BatchMessageListener<String, Object>) EventHandlerListeners.this::dispatch);
            }

            @Override
            protected MessagingMessageListenerAdapter<String, Object> createMessageListener(
                    MessageListenerContainer container, MessageConverter converter) {
                throw new UnsupportedOperationException("the listener is set up directly");
            }
        };
        endpoint.setId("birth-events");
        endpoint.setTopics(handlers.topics().toArray(String[]::new));
        endpoint.setBatchListener(true);
        return endpoint;
    }
}
