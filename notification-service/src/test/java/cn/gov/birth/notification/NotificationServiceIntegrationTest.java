package cn.gov.birth.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** notification-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotificationServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_notification_service");
    }

    @LocalServerPort
    int port;

    @Test
    void shouldRecordOneMessagePerStatusChangeEvenWhenDeliveredTwice() {
        UUID id = UUID.randomUUID();
        var accepted = change(id, 1, ApplicationStatus.ACCEPTED, null, ItemStatus.IN_PROGRESS);
        var completed = change(id, 2, ApplicationStatus.COMPLETED, Item.BIRTH_CERT, ItemStatus.COMPLETED);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, completed);
        JsonHttp http = new JsonHttp("http://127.0.0.1:" + port);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/v1/notifications?applicationId=" + id).json().size() == 2);
        awaitQuiet(Topics.APPLICATION_STATUS);

        var messages = http.get("/api/v1/notifications?applicationId=" + id).json();
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("text").asString()).contains("已受理");
        assertThat(messages.get(1).get("text").asString()).contains("已全部办结");
    }

    @Test
    void shouldNameTheItemWhoseStateChanged() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ItemStatus.COMPLETED));
        JsonHttp http = new JsonHttp("http://127.0.0.1:" + port);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                http.get("/api/v1/notifications?applicationId=" + id).json().size() == 1);

        assertThat(http.get("/api/v1/notifications?applicationId=" + id).json().get(0).get("text").asString())
                .contains("出生医学证明已办结");
    }

    @Test
    void shouldAnswer400ForAMalformedApplicationId() {
        var response = new JsonHttp("http://127.0.0.1:" + port).get("/api/v1/notifications?applicationId=nope");

        assertThat(response.status()).isEqualTo(400);
    }

    private static ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, Item item,
                                                   ItemStatus itemStatus) {
        return new ApplicationStatusChanged(UUID.randomUUID(), id, Instant.now(), "520000-20261120-000001", version,
                status, null, item, List.of(new ItemState(Item.BIRTH_CERT, itemStatus, null)), "13800138000");
    }
}
