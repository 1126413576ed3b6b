package cn.gov.birth.notification.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.platform.test.EventStream;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The live status stream of notification-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // A stranger's 404 waits this long for a first message that never comes.
        "birth.notification.stream.first-message-wait=PT1S",
        // Long enough that only a wake-up after the commit delivers within the tests' waits.
        "birth.notification.stream.poll-interval=PT30S"})
class StatusStreamIntegrationTest extends ServiceIntegrationTest {

    private static final String MOTHER = "520102199403121220";
    private static final String FATHER = "520102199207081313";
    private static final Duration SOON = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_notification_stream");
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex index;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldStreamEachStatusChangeAsItIsRecordedAndEndAfterTheFinalStatus() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        awaitRecorded(id, 1);

        try (EventStream stream = EventStream.open(url(id), Tokens.citizen(MOTHER), null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("text/event-stream"));
            EventStream.Event accepted = stream.next(SOON).orElseThrow();
            probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                    ItemStatus.COMPLETED));
            EventStream.Event issued = stream.next(SOON).orElseThrow();
            probe.publish(Topics.APPLICATION_STATUS, change(id, 3, ApplicationStatus.COMPLETED, Item.BIRTH_CERT,
                    ItemStatus.COMPLETED));
            EventStream.Event completed = stream.next(SOON).orElseThrow();

            assertThat(List.of(accepted.id(), issued.id(), completed.id())).containsExactly("1", "2", "3");
            assertThat(accepted.name()).isEqualTo("status");
            assertThat(accepted.json().get("status").asString()).isEqualTo("ACCEPTED");
            assertThat(accepted.json().get("text").asString()).contains("已受理");
            assertThat(issued.json().get("item").asString()).isEqualTo("BIRTH_CERT");
            assertThat(issued.json().get("version").asLong()).isEqualTo(2);
            assertThat(issued.json().get("at").asString()).isNotBlank();
            assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
            assertThat(stream.next(SOON)).as("the stream ends after the final status").isEmpty();
        }
    }

    @Test
    void shouldResumeAfterTheLastEventIdWithNoGapAndNoRepeat() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ItemStatus.COMPLETED));
        awaitRecorded(id, 2);
        String lastSeen;
        try (EventStream first = EventStream.open(url(id), Tokens.citizen(MOTHER), null)) {
            lastSeen = first.next(SOON).orElseThrow().id();
        }
        probe.publish(Topics.APPLICATION_STATUS, change(id, 3, ApplicationStatus.ACTION_REQUIRED, Item.HUKOU,
                ItemStatus.RETURNED));

        List<String> resumed;
        try (EventStream again = EventStream.open(url(id), Tokens.citizen(FATHER), lastSeen)) {
            List<String> ids = new ArrayList<>(List.of(again.next(SOON).orElseThrow().id(),
                    again.next(SOON).orElseThrow().id()));
            probe.publish(Topics.APPLICATION_STATUS, change(id, 4, ApplicationStatus.WITHDRAWN, null,
                    ItemStatus.CANCELLED));
            again.untilEnd(SOON).forEach(event -> ids.add(event.id()));
            resumed = ids;
        }

        assertThat(lastSeen).isEqualTo("1");
        assertThat(resumed).containsExactly("2", "3", "4");
        try (EventStream finished = EventStream.open(url(id), Tokens.citizen(MOTHER), "4")) {
            assertThat(finished.status()).as("nothing after the final status: stop reconnecting").isEqualTo(204);
        }
    }

    @Test
    void shouldSendAHistoryLongerThanAPageWholeInOrderOnceEach() {
        UUID id = UUID.randomUUID();
        int changes = 130;
        for (int version = 1; version < changes; version++) {
            probe.publish(Topics.APPLICATION_STATUS, change(id, version, ApplicationStatus.IN_PROGRESS, Item.HUKOU,
                    ItemStatus.IN_PROGRESS));
        }
        probe.publish(Topics.APPLICATION_STATUS, change(id, changes, ApplicationStatus.COMPLETED, Item.HUKOU,
                ItemStatus.COMPLETED));
        awaitRecorded(id, changes);

        List<String> ids;
        try (EventStream stream = EventStream.open(url(id), Tokens.citizen(MOTHER), "5")) {
            ids = stream.untilEnd(SOON).stream().map(EventStream.Event::id).toList();
        }

        assertThat(ids).hasSize(changes - 5).doesNotHaveDuplicates();
        assertThat(ids.getFirst()).isEqualTo("6");
        assertThat(ids.getLast()).isEqualTo(String.valueOf(changes));
        assertThat(ids.stream().mapToLong(Long::parseLong)).isSorted();
    }

    /**
     * A change recorded by another instance (here: written without this instance's streams hearing of it) leaves
     * a gap before the next one recorded here: the stream reads the gap from the table, in order.
     */
    @Test
    void shouldFillAGapLeftByAChangeRecordedElsewhereFromTheTable() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        awaitRecorded(id, 1);

        List<String> ids = new ArrayList<>();
        try (EventStream stream = EventStream.open(url(id), Tokens.citizen(MOTHER), null)) {
            ids.add(stream.next(SOON).orElseThrow().id());
            transactions.executeWithoutResult(status -> notifications.on(change(id, 2, ApplicationStatus.IN_PROGRESS,
                    Item.BIRTH_CERT, ItemStatus.COMPLETED)));
            probe.publish(Topics.APPLICATION_STATUS, change(id, 3, ApplicationStatus.COMPLETED, Item.BIRTH_CERT,
                    ItemStatus.COMPLETED));
            stream.untilEnd(SOON).forEach(event -> ids.add(event.id()));
        }

        assertThat(ids).containsExactly("1", "2", "3");
    }

    /** A correction that names other parents: a parent no longer among the audience hears no more, live or not. */
    @Test
    void shouldSendNothingMoreToAParentNoLongerAmongTheAudience() {
        UUID id = UUID.randomUUID();
        String correctedFather = "520102199001011237";
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        awaitRecorded(id, 1);

        try (EventStream father = EventStream.open(url(id), Tokens.citizen(FATHER), null);
             EventStream mother = EventStream.open(url(id), Tokens.citizen(MOTHER), null)) {
            assertThat(father.next(SOON).orElseThrow().id()).isEqualTo("1");
            assertThat(mother.next(SOON).orElseThrow().id()).isEqualTo("1");
            probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.COMPLETED, Item.BIRTH_CERT,
                    ItemStatus.COMPLETED, correctedFather));

            assertThat(mother.untilEnd(SOON)).extracting(EventStream.Event::id).containsExactly("2");
            assertThatThrownBy(() -> father.next(Duration.ofSeconds(2)))
                    .as("the change the mother was just sent, not sent to the father").hasMessageContaining("no event");
        }
    }

    @Test
    void shouldRefuseTheStreamToAnyoneButTheApplicationsOwnPeople() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        awaitRecorded(id, 1);
        try (EventStream mother = EventStream.open(url(id), Tokens.citizen(MOTHER), null)) {
            assertThat(mother.next(SOON)).isPresent();
        }

        assertThat(status(id, Tokens.citizen("520102199001011237"))).isEqualTo(404);
        assertThat(status(id, Tokens.of(Role.CLERK))).isEqualTo(404);
        assertThat(status(UUID.randomUUID(), Tokens.citizen(MOTHER))).isEqualTo(404);
        assertThat(status(id, Tokens.staff("HEALTH"))).isEqualTo(403);
        assertThat(status(id, null)).isEqualTo(401);
    }

    private void awaitRecorded(UUID id, int messages) {
        await().atMost(SOON).until(() -> jdbc.sql("select count(*) from notification where application_id = ?")
                .param(id).query(Long.class).single() == messages);
    }

    private int status(UUID id, String token) {
        try (EventStream stream = EventStream.open(url(id), token, null)) {
            return stream.status();
        }
    }

    private String url(UUID id) {
        return "http://127.0.0.1:" + port + "/api/v1/applications/" + id + "/events";
    }

    private ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, Item item,
                                            ItemStatus itemStatus) {
        return change(id, version, status, item, itemStatus, FATHER);
    }

    private ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, Item item,
                                            ItemStatus itemStatus, String father) {
        return new ApplicationStatusChanged(UUID.randomUUID(), id, Instant.now(), "520000-20261120-000001", "520000",
                version, status, null, item, null, List.of(new ItemState(Item.BIRTH_CERT, itemStatus, null)),
                "13800138000",
                new Audience("clerk-0007", List.of(index.idNumber(MOTHER), index.idNumber(father))));
    }
}
