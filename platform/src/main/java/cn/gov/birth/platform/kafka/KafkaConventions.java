package cn.gov.birth.platform.kafka;

import cn.gov.birth.platform.db.DatabaseAway;
import cn.gov.birth.platform.events.EventCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafka;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The platform's Kafka conventions in one place: idempotent producers, consumers that commit only after the effect,
 * CloudEvents bodies, bounded retries and then the dead-letter topic, every topic declared.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableKafka
public class KafkaConventions {

    @Bean
    ProducerFactory<String, Object> kafkaProducerFactory(KafkaProperties properties) {
        Map<String, Object> config = properties.buildProducerProperties();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new CloudEventSerializer());
    }

    @Bean
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    ConsumerFactory<String, Object> kafkaConsumerFactory(KafkaProperties properties, EventCatalog catalog) {
        Map<String, Object> config = properties.buildConsumerProperties();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A killed instance's partitions move on (its group rebalances) after 10 s, not Kafka's 45 s;
        // heartbeats every 3 s (the default) keep a live one in. Set spring.kafka.consumer.properties to change.
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        // A service that joins late, or a new instance, must still see every accepted application.
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A poll's records are handled in one transaction (EventHandlerListeners): at most 100 keeps the
        // application rows it locks held for a fraction of a second, not Kafka's default 500 records' worth.
        config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        return new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new CloudEventDeserializer(catalog)));
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, Object> template, EventCatalog catalog,
                                          @Value("${birth.kafka.retries:4}") int retries,
                                          @Value("${birth.kafka.outage-retry-for:PT15M}") Duration outage) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(catalog.deadLetterTopic(record.topic()), record.partition()));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(200);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(2_000);
        // DeserializationException is not retryable by default: poison goes straight to the DLT.
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        BackOff waitOut = outageBackOff(outage);
        handler.setBackOffFunction((record, exception) -> DatabaseAway.is(exception) ? waitOut : null);
        return handler;
    }

    /**
     * A record that failed because the database was away (down, restarting, out of connections,
     * a deadlock) is not at fault: its partition waits for the database, for up to {@code outage},
     * instead of sending an accepted application to the dead letters after a few seconds.
     */
    static BackOff outageBackOff(Duration outage) {
        ExponentialBackOff backOff = new ExponentialBackOff(1_000, 2);
        // Short pauses: a partition is back within seconds of the database, not half a minute later.
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(outage.toMillis());
        return backOff;
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Object> kafkaListenerContainerFactory(
            ConsumerFactory<String, Object> consumerFactory, DefaultErrorHandler errorHandler,
            @Value("${birth.kafka.consumer-concurrency:2}") int concurrency,
            @Value("${birth.kafka.commit-interval:PT1S}") Duration commitInterval) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, Object>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(errorHandler);
        factory.setConcurrency(concurrency);
        commitEvery(factory.getContainerProperties(), commitInterval);
        return factory;
    }

    /**
     * Offsets are committed at most once per {@code interval} (and when partitions are revoked or the
     * container stops), not after every poll: at the platform's rates a poll carries one or two records,
     * and each commit was a blocking round trip and a write of the group coordinator's. Consumers
     * deduplicate on the event id in the effect's transaction, so the records a crash delivers again (at
     * most an interval's) change nothing. A poll waits at most an interval, so that an idle consumer's
     * offsets follow within two (not Spring's 5 s poll). Zero commits after every poll.
     */
    static void commitEvery(ContainerProperties container, Duration interval) {
        if (!interval.isZero()) {
            container.setAckMode(ContainerProperties.AckMode.TIME);
            container.setAckTime(interval.toMillis());
            container.setPollTimeout(interval.toMillis());
        }
    }

    /**
     * Declares every topic and its dead-letter topic; creation is idempotent across services. Dead
     * letters are kept {@code birth.retention.dead-letters} (set when the topic is created).
     */
    @Bean
    KafkaAdmin.NewTopics birthTopics(EventCatalog catalog, @Value("${birth.kafka.partitions:12}") int partitions,
                                     @Value("${birth.kafka.replication-factor:1}") short replicationFactor,
                                     @Value("${birth.retention.dead-letters:P30D}") Duration deadLetters) {
        return new KafkaAdmin.NewTopics(topics(catalog, partitions, replicationFactor, deadLetters)
                .toArray(NewTopic[]::new));
    }

    static List<NewTopic> topics(EventCatalog catalog, int partitions, short replicationFactor, Duration deadLetters) {
        Map<String, String> deadLetterConfig = Map.of(TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(deadLetters.toMillis()));
        return catalog.topics().stream()
                .flatMap(topic -> Stream.of(new NewTopic(topic, partitions, replicationFactor),
                        new NewTopic(catalog.deadLetterTopic(topic), partitions, replicationFactor)
                                .configs(deadLetterConfig)))
                .toList();
    }
}
