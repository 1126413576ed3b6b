package cn.gov.birth.platform.test;

import org.awaitility.Awaitility;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.kafka.CloudEventDeserializer;
import cn.gov.birth.platform.kafka.CloudEventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.HashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a department system in tests: publishes CloudEvents the way the platform does and reads
 * what the platform published, from the beginning of the given topics.
 */
public final class EventProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<String, Object> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer(new BirthEventCatalog());

    public EventProbe(String bootstrapServers, String... topics) {
        this.bootstrapServers = bootstrapServers;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new CloudEventSerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !consumer.partitionsFor(topic).isEmpty());
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Publishes an event as the platform would (CloudEvents headers, key = application id). */
    public void publish(String topic, BirthEvent event) {
        send(CloudEventRecords.of(topic, event.applicationId().toString(), EventTypes.typeOf(event.getClass()),
                event.eventId(), "/birth/test", Instant.now(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                EventCodec.mapper().writeValueAsBytes(event)));
    }

    /** Sends a raw record, for example a body that is not an event at all. */
    public void send(ProducerRecord<String, Object> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    /** Waits until an event of the type matching {@code condition} arrived on {@code topic}, and returns it. */
    public <E extends BirthEvent> E awaitEvent(String topic, Class<E> type, Predicate<E> condition) {
        List<E> found = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            poll();
            events(topic, type).stream().filter(condition).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.getFirst();
    }

    /** Every event of the type seen so far on the topic (after a poll). */
    public <E extends BirthEvent> List<E> events(String topic, Class<E> type) {
        poll();
        return seen.stream().filter(r -> r.topic().equals(topic))
                .map(r -> deserializer.deserialize(r.topic(), r.headers(), r.value()))
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** Raw records seen on a topic, for topics whose bodies need not be events (dead letters). */
    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        poll();
        return seen.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    /** Events about one application on a topic. */
    public <E extends BirthEvent> List<E> events(String topic, Class<E> type, UUID applicationId) {
        return events(topic, type).stream().filter(e -> e.applicationId().equals(applicationId)).toList();
    }

    /** Waits until the consumer group has committed offsets up to the end of every partition of the topic. */
    public void awaitConsumed(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                consumer.partitionsFor(topic).forEach(p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue().offset());
            });
        }
    }

    private synchronized void poll() {
        consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
