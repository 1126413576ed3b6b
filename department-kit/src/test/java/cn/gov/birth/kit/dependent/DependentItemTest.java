package cn.gov.birth.kit.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.handlers.EventHandlerListeners;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.outbox.OutboxRelay;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Household registration waiting for the birth certificate, as hukou-service declares it, on the platform's tables. */
class DependentItemTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.POLICE);

    private static final PlatformDatabase DATABASE = new PlatformDatabase("kit_dependent_item", "classpath:db/kit");

    /** What the registration's work was given, by application. */
    private final Map<UUID, ItemCompleted> registered = new ConcurrentHashMap<>();
    private final EventHandlerListeners listeners;

    DependentItemTest() {
        var jdbc = DATABASE.jdbc();
        Clock clock = Clock.systemUTC();
        Outbox outbox = new Outbox(jdbc, new OutboxRelay(jdbc, DATABASE.transactions(), null, DATABASE.fieldEncryption(), "dependent-test", 1, 1),
                new BirthEventCatalog(), List.of(new ItemOutcomes(jdbc)), DATABASE.fieldEncryption());
        ItemFacts facts = new ItemFacts(Department.POLICE, outbox, new ItemOutcomes(jdbc), clock);
        DependentItems dependentItems = new DependentItems(new Rendezvous(jdbc, new BirthEventCatalog(), DATABASE.fieldEncryption()), facts);
        Withdrawals withdrawals = new Withdrawals(facts, Optional.empty());
        listeners = new EventHandlerListeners(EventHandlers.forTopic(APPLICATIONS)
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(dependentItems.waiting(Item.HUKOU, Item.BIRTH_CERT,
                        (application, certificate) -> registered.put(application.applicationId(), certificate)))
                .build(), new IdempotentConsumer(jdbc, DATABASE.transactions(), "dependent-test", new BirthEventCatalog()));
    }

    @Test
    void shouldStartTheItemWhenTheUpstreamCompletesAfterTheApplication() {
        UUID id = UUID.randomUUID();
        deliver(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        assertThat(published(id)).isEmpty();

        BirthCertificateIssued certificate = certificate(id);
        deliver(Topics.BIRTH_CERT, certificate);

        assertThat(published(id)).singleElement().isInstanceOf(ItemStarted.class);
        assertThat(registered).containsEntry(id, certificate);
    }

    @Test
    void shouldStartTheItemWhenTheApplicationArrivesAfterTheUpstreamCompleted() {
        UUID id = UUID.randomUUID();
        BirthCertificateIssued certificate = certificate(id);
        deliver(Topics.BIRTH_CERT, new ItemStarted(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT));
        deliver(Topics.BIRTH_CERT, certificate);
        assertThat(registered).doesNotContainKey(id);

        deliver(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));

        assertThat(published(id)).singleElement().isInstanceOf(ItemStarted.class);
        assertThat(registered).containsEntry(id, certificate);
    }

    @Test
    void shouldCancelTheItemWithTheUpstreamsReasonWhenTheUpstreamWasNotCompleted() {
        UUID id = UUID.randomUUID();
        deliver(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));

        deliver(Topics.BIRTH_CERT, new ItemRejected(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "HOSPITAL_NOT_QUALIFIED", "不是助产机构"));

        assertThat(published(id)).singleElement().isInstanceOfSatisfying(ItemCancelled.class, cancelled -> {
            assertThat(cancelled.item()).isEqualTo(Item.HUKOU);
            assertThat(cancelled.reasonCode()).isEqualTo("UPSTREAM_NOT_COMPLETED");
            assertThat(cancelled.message()).contains("不是助产机构");
        });
        assertThat(registered).doesNotContainKey(id);
    }

    @Test
    void shouldNeverStartAnItemWithdrawnWhileItWaited() {
        UUID id = UUID.randomUUID();
        deliver(APPLICATIONS, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        deliver(APPLICATIONS, new ApplicationWithdrawn(UUID.randomUUID(), id, Instant.now(),
                List.of(Item.HUKOU), "不再需要"));

        deliver(Topics.BIRTH_CERT, certificate(id));

        assertThat(published(id)).singleElement().isInstanceOfSatisfying(ItemCancelled.class,
                cancelled -> assertThat(cancelled.reasonCode()).isEqualTo("WITHDRAWN"));
        assertThat(registered).doesNotContainKey(id);
    }

    private void deliver(String topic, BirthEvent event) {
        listeners.dispatch(new ConsumerRecord<>(topic, 0, 0, event.applicationId().toString(), event));
    }

    private static BirthCertificateIssued certificate(UUID id) {
        return new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000001", false);
    }

    /** The facts about the application on the registration's own topic, in the order written. */
    private static List<BirthEvent> published(UUID id) {
        return DATABASE.jdbc().sql("select event_type, payload from outbox_event where event_key = ? and topic = ? order by id")
                .params(id.toString(), Topics.HUKOU)
                .query((rs, row) -> (BirthEvent) EventCodec.mapper().readValue(
                        DATABASE.fieldEncryption().open(rs.getString(2), Outbox.PAYLOAD.place()),
                        EventTypes.classOf(rs.getString(1)).orElseThrow()))
                .list();
    }
}
