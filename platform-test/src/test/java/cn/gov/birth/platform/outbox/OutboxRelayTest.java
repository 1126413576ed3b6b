package cn.gov.birth.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.events.CloudEventHeaders;
import cn.gov.birth.platform.kafka.CloudEventSerializer;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
/** The outbox and its relay on a real PostgreSQL and a real broker, relays built by hand as the platform builds them. */
class OutboxRelayTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("platform_outbox_relay");
    private static final String TOPIC = "platform.outbox-relay-test";
    private static final String SERVICE = "relay-test";

    private static DefaultKafkaProducerFactory<String, Object> producers;
    private static KafkaTemplate<String, Object> kafka;

    private final List<OutboxRelay> started = new ArrayList<>();

    @BeforeAll
    static void createTopicAndProducer() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        // The platform's producer settings (KafkaConventions).
        producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new CloudEventSerializer());
        kafka = new KafkaTemplate<>(producers);
    }

    @AfterAll
    static void closeProducer() {
        producers.destroy();
    }

    /** Rows a test left unsent would otherwise go out with the next test's. */
    @AfterEach
    void stopRelaysAndEmptyTheOutbox() {
        started.forEach(OutboxRelay::stop);
        DATABASE.jdbc().sql("delete from outbox_event").update();
    }

    @Test
    void shouldSendEventsOfOneKeyInTheOrderTheyWerePublished() {
        OutboxRelay relay = relay(kafka, 3);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        List<ItemStarted> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(started(first));
            events.add(started(second));
        }
        // Ten events in batches of three: the order must hold across the relay's rounds too.
        publishInOneTransaction(new Outbox(DATABASE.jdbc(), relay, new BirthEventCatalog(), List.of(), DATABASE.fieldEncryption()), events);

        start(relay);

        awaitOutboxEmpty();
        List<ConsumerRecord<String, byte[]>> sent = sentTo(TOPIC);
        assertThat(sentIds(sent, first)).containsExactlyElementsOf(publishedIds(events, first));
        assertThat(sentIds(sent, second)).containsExactlyElementsOf(publishedIds(events, second));
    }

    @Test
    void shouldKeepEventBodiesSealedInTheOutboxAndSendThemReadable() {
        OutboxRelay relay = relay(kafka, 10);
        ItemStarted event = started(UUID.randomUUID());
        publishInOneTransaction(new Outbox(DATABASE.jdbc(), relay, new BirthEventCatalog(), List.of(),
                DATABASE.fieldEncryption()), List.of(event));

        assertThat(DATABASE.jdbc().sql("select payload from outbox_event").query(String.class).single())
                .startsWith("ENC1:").doesNotContain(event.applicationId().toString());
        start(relay);

        awaitOutboxEmpty();
        assertThat(sentTo(TOPIC)).filteredOn(sent -> sent.key().equals(event.applicationId().toString()))
                .singleElement().satisfies(sent -> assertThat(new String(sent.value(), StandardCharsets.UTF_8))
                        .contains(event.eventId().toString()));
    }

    @Test
    void shouldSendNothingForATransactionThatRolledBack() {
        OutboxRelay relay = start(relay(kafka, 10));
        Outbox outbox = new Outbox(DATABASE.jdbc(), relay, new BirthEventCatalog(), List.of(), DATABASE.fieldEncryption());
        UUID application = UUID.randomUUID();
        ItemStarted rolledBack = started(application);
        ItemStarted committed = started(application);

        DATABASE.transactions().executeWithoutResult(status -> {
            outbox.publish(TOPIC, rolledBack);
            status.setRollbackOnly();
        });
        // Same key, so the committed event lands on the same partition after anything sent before it.
        publishInOneTransaction(outbox, List.of(committed));

        awaitOutboxEmpty();
        assertThat(sentIds(sentTo(TOPIC), application)).containsExactly(committed.eventId());
    }

    @Test
    void shouldSendEachEventOnceWhenTwoRelaysOfTheServiceRunTogether() {
        OutboxRelay first = relay(kafka, 4);
        OutboxRelay second = relay(kafka, 4);
        Outbox outbox = new Outbox(DATABASE.jdbc(), first, new BirthEventCatalog(), List.of(), DATABASE.fieldEncryption());
        List<UUID> applications = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<ItemStarted> events = new ArrayList<>();
        for (int transaction = 0; transaction < 6; transaction++) {
            List<ItemStarted> batch = applications.stream().map(OutboxRelayTest::started).toList();
            publishInOneTransaction(outbox, batch);
            events.addAll(batch);
        }

        // Both find the same rows waiting: only the lock keeps them from both sending them.
        start(first);
        start(second);

        awaitOutboxEmpty();
        List<ConsumerRecord<String, byte[]>> sent = sentTo(TOPIC);
        for (UUID application : applications) {
            assertThat(sentIds(sent, application)).containsExactlyElementsOf(publishedIds(events, application));
        }
    }

    @Test
    void shouldLetAStandbyRelaySendNothingWhileTheActiveRelayIsSending() {
        StalledKafka stalled = new StalledKafka();
        OutboxRelay active = relay(stalled, 10);
        OutboxRelay standby = relay(kafka, 10);
        publishInOneTransaction(new Outbox(DATABASE.jdbc(), active, new BirthEventCatalog(), List.of(), DATABASE.fieldEncryption()),
                List.of(started(UUID.randomUUID()), started(UUID.randomUUID())));

        start(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.sends.get() > 0);

        assertThat(standby.relayBatch()).isZero();
        assertThat(pending()).isEqualTo(2);
        // Lets the active relay's round end, so that it stops.
        stalled.acks.completeExceptionally(new KafkaException("test over"));
    }

    @Test
    void shouldLetAStandbyRelaySendWhatTheActiveRelayLeftWhenItFailsAndStops() {
        StalledKafka stalled = new StalledKafka();
        OutboxRelay active = relay(stalled, 10);
        OutboxRelay standby = relay(kafka, 10);
        UUID application = UUID.randomUUID();
        List<ItemStarted> events = List.of(started(application), started(application), started(application));
        publishInOneTransaction(new Outbox(DATABASE.jdbc(), active, new BirthEventCatalog(), List.of(), DATABASE.fieldEncryption()), events);
        start(active);
        await().atMost(Duration.ofSeconds(30)).until(() -> stalled.sends.get() > 0);
        // Started once the active relay holds the lock, so that it finds the events taken and stands by.
        start(standby);

        // The active relay's broker connection breaks: its round rolls back and releases the lock.
        stalled.acks.completeExceptionally(new KafkaException("broker connection lost"));
        active.stop();

        awaitOutboxEmpty();
        assertThat(sentIds(sentTo(TOPIC), application)).containsExactlyElementsOf(publishedIds(events, application));
    }

    /** A broker that takes every record and never acknowledges it until the test says how the send ends. */
    private static final class StalledKafka extends KafkaTemplate<String, Object> {

        private final CompletableFuture<SendResult<String, Object>> acks = new CompletableFuture<>();
        private final AtomicInteger sends = new AtomicInteger();

        StalledKafka() {
            super(producers);
        }

        @Override
        public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
            sends.incrementAndGet();
            return acks;
        }
    }

    private static OutboxRelay relay(KafkaTemplate<String, Object> kafka, int batchSize) {
        return new OutboxRelay(DATABASE.jdbc(), DATABASE.transactions(), kafka, DATABASE.fieldEncryption(), SERVICE, batchSize, 100);
    }

    private OutboxRelay start(OutboxRelay relay) {
        relay.start();
        started.add(relay);
        return relay;
    }

    private static ItemStarted started(UUID application) {
        return new ItemStarted(UUID.randomUUID(), application, Instant.now(), Item.VACCINATION);
    }

    private static void publishInOneTransaction(Outbox outbox, List<ItemStarted> events) {
        DATABASE.transactions().executeWithoutResult(status -> events.forEach(event -> outbox.publish(TOPIC, event)));
    }

    private static long pending() {
        return DATABASE.jdbc().sql("select count(*) from outbox_event").query(Long.class).single();
    }

    /** The relay deletes a row only once the broker acknowledged it: an empty outbox means everything is in the log. */
    private static void awaitOutboxEmpty() {
        await().atMost(Duration.ofSeconds(60)).until(() -> pending() == 0);
    }

    /** Every record of the topic up to its end, in log order within each partition. */
    private static List<ConsumerRecord<String, byte[]>> sentTo(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
            return records;
        }
    }

    private static List<UUID> sentIds(List<ConsumerRecord<String, byte[]>> records, UUID application) {
        return records.stream().filter(record -> record.key().equals(application.toString()))
                .map(record -> UUID.fromString(new String(record.headers().lastHeader(CloudEventHeaders.ID).value(),
                        StandardCharsets.UTF_8)))
                .toList();
    }

    private static List<UUID> publishedIds(List<ItemStarted> events, UUID application) {
        return events.stream().filter(event -> event.applicationId().equals(application)).map(ItemStarted::eventId)
                .toList();
    }
}
