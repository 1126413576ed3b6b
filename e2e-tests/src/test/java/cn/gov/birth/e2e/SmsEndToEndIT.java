package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.platform.test.JsonHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every message that asks something of the family or tells it a result also goes out as an SMS to
 * the applicant's number (channel {@code IN_APP_AND_SMS}), through the SMS provider (the simulator's
 * stand-in, which records the message ids each number received); an item's start stays in-app.
 */
class SmsEndToEndIT {

    private static final Duration COMPLETION = Duration.ofSeconds(120);
    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    @Test
    void shouldSendOneDistinctMessageIdPerMessageAlsoWhenNotificationServiceIsKilledMidFlight() throws Exception {
        Map<UUID, JsonHttp> families = new HashMap<>();
        Map<UUID, String> phones = new HashMap<>();
        List<UUID> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(file(families, phones));
        }
        // Mid-flight: SMS of these applications are being sent when the service dies.
        await("first SMS received").atMost(COMPLETION).pollInterval(Duration.ofMillis(100))
                .until(() -> before.stream().anyMatch(id -> !received(phones.get(id)).isEmpty()));
        platform.kill("notification-service");
        for (int i = 0; i < 3; i++) {
            file(families, phones);
        }
        platform.restart("notification-service");

        for (UUID id : families.keySet()) {
            await("application " + id + " completed").atMost(COMPLETION).pollInterval(Duration.ofMillis(250))
                    .until(() -> "COMPLETED".equals(families.get(id).get("/api/v1/applications/" + id).json()
                            .get("status").asString()));
        }

        // The restarted service catches up with the changes it missed: 404 until it recorded the first.
        await("one SMS per message").atMost(COMPLETION).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (UUID id : families.keySet()) {
                var response = families.get(id).get("/api/v1/notifications?applicationId=" + id + "&size=100");
                assertThat(response.status()).as("messages of %s", id).isEqualTo(200);
                List<JsonNode> messages = response.json().get("items").valueStream().toList();
                assertThat(messages).as("messages of %s up to the last", id)
                        .anyMatch(message -> message.get("status").asString().equals("COMPLETED"));
                long bySms = messages.stream()
                        .filter(message -> message.get("channel").asString().equals("IN_APP_AND_SMS")).count();
                assertThat(bySms).as("messages of %s also by SMS", id).isPositive().isLessThan(messages.size());
                assertThat(received(phones.get(id))).as("SMS message ids of %s", id).hasSize((int) bySms);
            }
        });
    }

    /** Files a known family's application with a number of its own, so its SMS are told apart. */
    private static UUID file(Map<UUID, JsonHttp> families, Map<UUID, String> phones) {
        ObjectNode form = portal.knownFamily();
        String phone = "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
        ((ObjectNode) form.get("applicant")).put("phone", phone);
        JsonHttp mother = portal.motherOf(form);
        var created = mother.post("/api/v1/applications", form);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        families.put(id, mother);
        phones.put(id, phone);
        return id;
    }

    /** The message ids the SMS provider received for the number (each once however often it was resent). */
    private static List<String> received(String phone) {
        return new JsonHttp(platform.simulatorUrl()).get("/sms-inbox?phone=" + phone).json().get("received")
                .propertyNames().stream().toList();
    }
}
