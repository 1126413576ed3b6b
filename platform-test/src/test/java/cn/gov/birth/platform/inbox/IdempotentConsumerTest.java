package cn.gov.birth.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.events.CloudEventHeaders;
import cn.gov.birth.platform.events.Correlation;
import cn.gov.birth.platform.test.PlatformDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Consumers whose effect is a row in a table of their own, written in the consumer's transaction. */
class IdempotentConsumerTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("platform_idempotent_consumer");
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final IdempotentConsumer vaccination = consumer("vaccination-test");
    private final IdempotentConsumer notification = consumer("notification-test");

    @BeforeAll
    static void createEffectTable() {
        DATABASE.jdbc().sql("create table applied (consumer text not null, event_id uuid not null)").update();
    }

    @Test
    void shouldApplyTheSameEventOnce() {
        ConsumerRecord<String, Object> record = record(started());

        vaccination.handle(record, ItemStarted.class, started -> apply("vaccination-test", started));
        vaccination.handle(record, ItemStarted.class, started -> apply("vaccination-test", started));

        assertThat(applied(record)).containsExactly("vaccination-test");
    }

    @Test
    void shouldLeaveAnEventWhoseEffectFailedUnprocessedSoThatItsRedeliveryAppliesIt() {
        ConsumerRecord<String, Object> record = record(started());

        assertThatThrownBy(() -> vaccination.handle(record, ItemStarted.class, started -> {
            apply("vaccination-test", started);
            throw new IllegalStateException("registry unavailable");
        })).hasMessage("registry unavailable");
        // The effect's own writes rolled back with the processed-event record.
        assertThat(applied(record)).isEmpty();

        vaccination.handle(record, ItemStarted.class, started -> apply("vaccination-test", started));

        assertThat(applied(record)).containsExactly("vaccination-test");
    }

    @Test
    void shouldApplyAnEventOnceForEachConsumer() {
        ConsumerRecord<String, Object> record = record(started());

        for (int delivery = 0; delivery < 2; delivery++) {
            vaccination.handle(record, ItemStarted.class, started -> apply("vaccination-test", started));
            notification.handle(record, ItemStarted.class, started -> apply("notification-test", started));
        }

        assertThat(applied(record)).containsExactlyInAnyOrder("vaccination-test", "notification-test");
    }

    @Test
    void shouldIgnoreAnEventOfAnotherClassWithoutRecordingIt() {
        ConsumerRecord<String, Object> record = record(started());

        vaccination.handle(record, ItemCancelled.class, cancelled -> apply("vaccination-test", cancelled.eventId()));

        assertThat(applied(record)).isEmpty();
        assertThat(DATABASE.jdbc().sql("select count(*) from processed_event where event_id = ?")
                .param(((ItemStarted) record.value()).eventId()).query(Long.class).single()).isZero();
    }

    @Test
    void shouldApplyTheEffectUnderTheRecordsTrace() {
        ConsumerRecord<String, Object> record = record(started());
        record.headers().add(CloudEventHeaders.TRACEPARENT, TRACEPARENT.getBytes(StandardCharsets.UTF_8));
        List<String> traces = new CopyOnWriteArrayList<>();

        vaccination.handle(record, ItemStarted.class, started -> traces.add(Correlation.current()));

        assertThat(traces).containsExactly(TRACEPARENT);
    }

    private static IdempotentConsumer consumer(String name) {
        return new IdempotentConsumer(DATABASE.jdbc(), DATABASE.transactions(), name, new BirthEventCatalog());
    }

    private static ItemStarted started() {
        return new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Item.VACCINATION);
    }

    private static ConsumerRecord<String, Object> record(ItemStarted event) {
        return new ConsumerRecord<>("facts", 0, 0, event.applicationId().toString(), event);
    }

    private static void apply(String consumer, ItemStarted event) {
        apply(consumer, event.eventId());
    }

    private static void apply(String consumer, UUID eventId) {
        DATABASE.jdbc().sql("insert into applied (consumer, event_id) values (?, ?)").params(consumer, eventId).update();
    }

    private static List<String> applied(ConsumerRecord<String, Object> record) {
        return DATABASE.jdbc().sql("select consumer from applied where event_id = ?")
                .param(((ItemStarted) record.value()).eventId()).query(String.class).list();
    }
}
