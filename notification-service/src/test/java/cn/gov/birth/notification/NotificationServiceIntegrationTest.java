package cn.gov.birth.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** notification-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationServiceIntegrationTest extends ServiceIntegrationTest {

    private static final String MOTHER = "520102199403121220";
    private static final String FATHER = "520102199207081313";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_notification_service");
    }

    @LocalServerPort
    int port;

    @Autowired
    BlindIndex index;

    @Autowired
    Notifications notifications;

    @Autowired
    TransactionTemplate transactions;

    JsonHttp mother;

    @BeforeEach
    void client() {
        mother = new JsonHttp("http://127.0.0.1:" + port).as(Tokens.citizen(MOTHER));
    }

    @Test
    void shouldRecordOneMessagePerStatusChangeEvenWhenDeliveredTwice() {
        UUID id = UUID.randomUUID();
        var accepted = change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS);
        var completed = change(id, 2, ApplicationStatus.COMPLETED, Item.BIRTH_CERT, ItemStatus.COMPLETED);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, completed);

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 2);
        awaitQuiet(Topics.APPLICATION_STATUS);

        var messages = messages(mother, id);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asString()).contains("已受理");
        assertThat(messages.get(1).get("text").asString()).contains("已全部办结");
    }

    @Test
    void shouldNameTheItemWhoseStateChanged() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ItemStatus.COMPLETED));

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 1);

        assertThat(messages(mother, id).get(0).get("text").asString()).contains("出生医学证明已办结");
    }

    @Test
    void shouldShowTheMessagesToTheSubmitterAndTheParentsOnlyAnd404ToAnyoneElse() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 1);
        JsonHttp http = new JsonHttp("http://127.0.0.1:" + port);

        assertThat(messages(http.as(Tokens.citizen(FATHER)), id)).hasSize(1);
        assertThat(messages(http.as(Tokens.token("clerk-0007", List.of(Role.CLERK), null, null)), id)).hasSize(1);
        assertThat(http.as(Tokens.citizen("520102199001011237")).get("/api/v1/notifications?applicationId=" + id)
                .status()).isEqualTo(404);
        assertThat(http.as(Tokens.of(Role.CLERK)).get("/api/v1/notifications?applicationId=" + id).status())
                .isEqualTo(404);
        assertThat(http.as(Tokens.staff("HEALTH")).get("/api/v1/notifications?applicationId=" + id).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/notifications?applicationId=" + id).status()).isEqualTo(401);
    }

    /** A correction may name another mother: the newest audience reads the messages, and only one changed is written. */
    @Test
    void shouldLetTheNewestAudienceReadTheMessagesAndKeepItAsItIsWhileItStaysTheSame() {
        UUID id = UUID.randomUUID();
        String corrected = "520102199203047788";
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 1);
        String kept = audienceRowVersion(id);
        probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ItemStatus.IN_PROGRESS));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 2);
        String unchanged = audienceRowVersion(id);
        probe.publish(Topics.APPLICATION_STATUS, change(id, 3, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ItemStatus.COMPLETED, corrected));
        JsonHttp correctedMother = new JsonHttp("http://127.0.0.1:" + port).as(Tokens.citizen(corrected));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(correctedMother, id).size() == 3);
        // Delivered again late, the first change does not bring its audience back.
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
        awaitQuiet(Topics.APPLICATION_STATUS);

        assertThat(unchanged).isEqualTo(kept);
        assertThat(messages(mother, id)).isEmpty();
        assertThat(messages(correctedMother, id)).hasSize(4);
    }

    /** A poll's messages are written together as its transaction commits: in order, with the newest audience. */
    @Test
    void shouldKeepTheNewestAudienceWhenChangesOfOneApplicationShareATransaction() {
        UUID id = UUID.randomUUID();
        String corrected = "520102199203047799";
        transactions.executeWithoutResult(status -> {
            notifications.on(change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS));
            notifications.on(change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT, ItemStatus.COMPLETED,
                    corrected));
        });

        var messages = messages(mother.as(Tokens.citizen(corrected)), id);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asString()).contains("已受理");
        assertThat(messages.get(1).get("text").asString()).contains("出生医学证明已办结");
        assertThat(messages(mother, id)).isEmpty();
    }

    @Test
    void shouldListTheCallersMessagesNewestFirstAPageAtATime() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        String someone = "520102198801011232";
        probe.publish(Topics.APPLICATION_STATUS, change(first, 1, ApplicationStatus.ACCEPTED, null,
                ItemStatus.IN_PROGRESS, someone));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother.as(Tokens.citizen(someone)), first).size() == 1);
        probe.publish(Topics.APPLICATION_STATUS, change(second, 1, ApplicationStatus.NEEDS_SUPPLEMENT, null,
                ItemStatus.IN_PROGRESS, someone));
        JsonHttp them = new JsonHttp("http://127.0.0.1:" + port).as(Tokens.citizen(someone));
        await().atMost(Duration.ofSeconds(30)).until(() -> them.get("/api/v1/notifications").json()
                .get("totalItems").asLong() == 2);

        var page = them.get("/api/v1/notifications?size=1").json();

        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("applicationId").asString()).isEqualTo(second.toString());
        assertThat(them.get("/api/v1/notifications?size=101").status()).isEqualTo(400);
    }

    @Test
    void shouldTellTheFamilyADepartmentsAnswerOnceWithItsSmsAfterTheStatusMessages() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 3, ApplicationStatus.COMPLETED, Item.BIRTH_CERT,
                ItemStatus.COMPLETED));
        var answered = new FamilyAnswered(UUID.randomUUID(), id, Instant.now(), "520000-20261120-000001", "520000", 3,
                ApplicationStatus.COMPLETED, FollowUpKind.COMPLAINT, Department.HEALTH, Item.BIRTH_CERT,
                "已为您更正出生医学证明上的姓名。", "13800138000",
                new Audience("clerk-0007", List.of(index.idNumber(MOTHER), index.idNumber(FATHER))));
        probe.publish(Topics.APPLICATION_STATUS, answered);
        probe.publish(Topics.APPLICATION_STATUS, answered);

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(mother, id).size() == 2);
        awaitQuiet(Topics.APPLICATION_STATUS);

        assertThat(messages(mother, id)).hasSize(2).last().satisfies(message -> {
            assertThat(message.get("about").asString()).isEqualTo("ANSWER");
            assertThat(message.get("text").asString())
                    .contains("出生医学证明的投诉", "卫生健康部门已答复：已为您更正出生医学证明上的姓名。");
        });
        assertThat(jdbc.sql("""
                        select count(*) from sms_message s join notification n on n.id = s.notification_id
                        where n.application_id = ? and n.about = 'ANSWER'""")
                .param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void shouldAnswer400ForAMalformedApplicationId() {
        var response = mother.get("/api/v1/notifications?applicationId=nope");

        assertThat(response.status()).isEqualTo(400);
    }

    private static List<tools.jackson.databind.JsonNode> messages(JsonHttp reader, UUID id) {
        var response = reader.get("/api/v1/notifications?applicationId=" + id);
        return response.status() == 404 ? List.of() : response.json().get("items").valueStream().toList();
    }

    /** The audience row's physical version (xmin): it changes only when the row is written. */
    private String audienceRowVersion(UUID id) {
        return jdbc.sql("select xmin::text from application_audience where application_id = ?").param(id)
                .query(String.class).single();
    }

    private ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, Item item,
                                            ItemStatus itemStatus) {
        return change(id, version, status, item, itemStatus, MOTHER);
    }

    private ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, Item item,
                                            ItemStatus itemStatus, String motherIdNumber) {
        return new ApplicationStatusChanged(UUID.randomUUID(), id, Instant.now(), "520000-20261120-000001", "520000",
                version, status, null, item, null, List.of(new ItemState(Item.BIRTH_CERT, itemStatus, null)), "13800138000",
                new Audience("clerk-0007", List.of(index.idNumber(motherIdNumber), index.idNumber(FATHER))));
    }
}
