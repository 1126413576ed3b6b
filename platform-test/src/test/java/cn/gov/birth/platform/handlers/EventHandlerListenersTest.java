package cn.gov.birth.platform.handlers;

import cn.gov.birth.events.BirthEventCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.test.PlatformDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

class EventHandlerListenersTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("platform_event_handlers");
    private static final String FACTS = "facts";
    private static final String OTHER_FACTS = "other-facts";

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final EventHandlerListeners listeners = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
            .on(ItemStarted.class, started -> handled.add("started " + started.item()))
            .on(ItemFact.class, fact -> handled.add("fact " + fact.item()))
            .forTopic(OTHER_FACTS)
            .on(ItemCompleted.class, completed -> handled.add("other completed"))
            .build(),
            new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "handlers-test", new BirthEventCatalog()));

    @Test
    void shouldRunEveryHandlerOfTheEventOnItsTopicInTheOrderDeclared() {
        listeners.dispatch(record(FACTS, started()));
        listeners.dispatch(record(FACTS, issued()));

        assertThat(handled).containsExactly("started VACCINATION", "fact VACCINATION", "fact VACCINATION");
    }

    @Test
    void shouldIgnoreAnEventNoHandlerOfItsTopicTakesWithoutRecordingIt() {
        ItemStarted started = started();

        listeners.dispatch(record(OTHER_FACTS, started));

        assertThat(handled).isEmpty();
        assertThat(processed(started)).isZero();
    }

    @Test
    void shouldHandleAnEventDeliveredTwiceOnce() {
        ConsumerRecord<String, Object> record = record(FACTS, started());

        listeners.dispatch(record);
        listeners.dispatch(record);

        assertThat(handled).containsExactly("started VACCINATION", "fact VACCINATION");
        assertThat(processed((BirthEvent) record.value())).isOne();
    }

    @Test
    void shouldLeaveAnEventWhoseHandlerFailedUnprocessedForItsRedelivery() {
        var failing = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
                .on(ItemStarted.class, started -> {
                    throw new IllegalStateException("second failed");
                })
                .build(), new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "failing-test", new BirthEventCatalog()));
        ItemStarted started = started();

        assertThatThrownBy(() -> failing.dispatch(record(FACTS, started))).hasMessage("second failed");

        assertThat(DATABASE.jdbc().sql("select count(*) from processed_event where consumer = 'failing-test'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void shouldHandleAPollsRecordsInOneTransaction() {
        List<Long> transactions = new CopyOnWriteArrayList<>();
        var recording = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
                .on(ItemStarted.class, started -> transactions.add(DATABASE.jdbc().sql("select txid_current()")
                        .query(Long.class).single()))
                .build(), new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "batch-test", new BirthEventCatalog()));

        recording.dispatch(List.of(record(FACTS, started()), record(FACTS, started()), record(FACTS, started())));

        assertThat(transactions).hasSize(3).containsOnly(transactions.getFirst());
    }

    @Test
    void shouldApplyEachEventOfAPollOnceEvenWhenItCameTwiceOrWasProcessedBefore() {
        List<UUID> applied = new CopyOnWriteArrayList<>();
        var recording = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
                .on(ItemStarted.class, started -> applied.add(started.eventId()))
                .build(), new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "batch-once-test", new BirthEventCatalog()));
        ItemStarted earlier = started();
        ItemStarted twice = started();
        ItemStarted fresh = started();
        ItemStarted ignored = started();
        recording.dispatch(record(FACTS, earlier));

        recording.dispatch(List.of(record(FACTS, twice), record(FACTS, earlier), record(OTHER_FACTS, ignored),
                record(FACTS, fresh), record(FACTS, twice)));

        assertThat(applied).containsExactly(earlier.eventId(), twice.eventId(), fresh.eventId());
        assertThat(List.of(processed(earlier), processed(twice), processed(fresh))).containsOnly(1L);
        assertThat(processed(ignored)).as("no handler takes it on that topic").isZero();
    }

    @Test
    void shouldPrepareAPollsNewEventsOfTheTypeOnceBeforeAnyHandlerInItsTransaction() {
        List<String> steps = new CopyOnWriteArrayList<>();
        List<Long> transactions = new CopyOnWriteArrayList<>();
        var preparing = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
                .on(ItemFact.class, fact -> {
                    steps.add("handled " + fact.eventId());
                    if (fact instanceof ItemStarted) {
                        transactions.add(txid());
                    }
                })
                .forTopic(OTHER_FACTS)
                .on(ItemFact.class, fact -> steps.add("handled " + fact.eventId()))
                .beforeHandlers(ItemStarted.class, started -> {
                    steps.add("prepared " + started.stream().map(ItemStarted::eventId).toList());
                    transactions.add(txid());
                })
                .build(), new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "prepare-test", new BirthEventCatalog()));
        ItemStarted earlier = started();
        ItemStarted first = started();
        VaccinationCertificateIssued issued = issued();
        ItemStarted second = started();
        preparing.dispatch(List.of(record(FACTS, earlier)));
        steps.clear();
        transactions.clear();

        VaccinationCertificateIssued alone = issued();

        preparing.dispatch(List.of(record(FACTS, first), record(FACTS, earlier), record(FACTS, issued),
                record(OTHER_FACTS, second), record(FACTS, first)));
        preparing.dispatch(List.of(record(FACTS, alone)));

        assertThat(steps).as("new events only, each once; a poll without one of the type is not prepared")
                .containsExactly("prepared " + List.of(first.eventId(), second.eventId()),
                        "handled " + first.eventId(), "handled " + issued.eventId(), "handled " + second.eventId(),
                        "handled " + alone.eventId());
        assertThat(transactions).as("the preparation and the handlers in one transaction").hasSize(2)
                .containsOnly(transactions.getFirst());
    }

    @Test
    void shouldKeepTheRecordsBeforeAFailingOneAndNameItToTheErrorHandlerByItsIndex() {
        ItemStarted before = started();
        ItemStarted failing = started();
        ItemStarted after = started();
        var listenersFailingOne = new EventHandlerListeners(EventHandlers.forTopic(FACTS)
                .on(ItemStarted.class, started -> {
                    if (started.equals(failing)) {
                        throw new IllegalStateException("this one failed");
                    }
                })
                .build(), new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), "batch-failing-test", new BirthEventCatalog()));

        assertThatThrownBy(() -> listenersFailingOne.dispatch(List.of(record(FACTS, before), record(FACTS, failing),
                record(FACTS, after))))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isOne();
                    assertThat(failed).hasRootCauseMessage("this one failed");
                });

        assertThat(processed(before)).isOne();
        assertThat(processed(failing)).isZero();
        assertThat(processed(after)).as("left for the redelivery after the failing one").isZero();
    }

    @Test
    void shouldFailAnUnreadableRecordWithItsDeserializationExceptionForTheDeadLetters() {
        ItemStarted readable = started();
        ConsumerRecord<String, Object> unreadable = new ConsumerRecord<>(FACTS, 0, 1, "key", null);
        SerializationUtils.deserializationException(unreadable.headers(), "{not json".getBytes(StandardCharsets.UTF_8),
                new IllegalArgumentException("not a CloudEvent"), false);

        assertThatThrownBy(() -> listeners.dispatch(List.of(record(FACTS, readable), unreadable)))
                .isInstanceOfSatisfying(BatchListenerFailedException.class, failed -> {
                    assertThat(failed.getIndex()).isOne();
                    assertThat(failed).hasCauseInstanceOf(DeserializationException.class);
                });

        assertThat(processed(readable)).isOne();
    }

    private static ItemStarted started() {
        return new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Item.VACCINATION);
    }

    private static VaccinationCertificateIssued issued() {
        return new VaccinationCertificateIssued(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), "V52000000000001");
    }

    private static ConsumerRecord<String, Object> record(String topic, BirthEvent event) {
        return new ConsumerRecord<>(topic, 0, 0, event.applicationId().toString(), event);
    }

    private static long txid() {
        return DATABASE.jdbc().sql("select txid_current()").query(Long.class).single();
    }

    private static long processed(BirthEvent event) {
        return DATABASE.jdbc().sql("select count(*) from processed_event where event_id = ?").param(event.eventId())
                .query(Long.class).single();
    }
}
