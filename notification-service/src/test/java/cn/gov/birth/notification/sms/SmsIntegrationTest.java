package cn.gov.birth.notification.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.PartnerCalls;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.security.PartnerSignature;
import cn.gov.birth.simulator.PartnerSignatureCheck;
import cn.gov.birth.simulator.SmsInbox;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * notification-service's SMS against a real PostgreSQL and Kafka broker and the simulator's SMS
 * provider (its mappings, signature check and inbox on an in-JVM WireMock).
 */
@SpringBootTest
class SmsIntegrationTest extends ServiceIntegrationTest {

    private static final SmsInbox INBOX = new SmsInbox();
    private static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort()
            .extensions(new PartnerSignatureCheck(PartnerCalls.secrets()), INBOX));

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_notification_sms");
        registry.add("birth.notification.sms.url", PROVIDER::baseUrl);
        registry.add("birth.notification.sms.poll-interval", () -> "PT0.1S");
        registry.add("birth.notification.sms.initial-backoff", () -> "PT0.2S");
        registry.add("birth.notification.sms.max-backoff", () -> "PT0.5S");
        registry.add("birth.notification.sms.max-attempts", () -> "6");
        // The provider's breaker, opened by the failing provider of one test, lets the next ones through soon.
        registry.add("resilience4j.circuitbreaker.configs.partner.wait-duration-in-open-state", () -> "1s");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @BeforeEach
    void simulatorMappings() throws IOException {
        PROVIDER.resetAll();
        for (String mapping : List.of("sms-messages.json", "sms-inbox.json")) {
            PROVIDER.addStubMapping(StubMapping.buildFrom(Files.readString(Path.of("../simulator/mappings", mapping))));
        }
    }

    @Test
    void shouldSendOneSignedSmsPerMessageToTheApplicantsNumberEvenWhenTheChangeIsDeliveredTwice() {
        UUID id = UUID.randomUUID();
        String phone = "13900000001";
        var accepted = change(id, 1, ApplicationStatus.ACCEPTED, phone);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, accepted);
        probe.publish(Topics.APPLICATION_STATUS, change(id, 2, ApplicationStatus.COMPLETED, phone));

        await().atMost(Duration.ofSeconds(30)).until(() -> states(id).equals(List.of("SENT", "SENT")));
        awaitQuiet(Topics.APPLICATION_STATUS);

        List<String> ids = messageIds(id);
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(INBOX.received(phone)).containsOnlyKeys(ids).allSatisfy((messageId, times) ->
                assertThat(times).isEqualTo(1));
        var sent = PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/sms/messages"))
                .withRequestBody(matchingJsonPath("$.phone", equalTo(phone))));
        assertThat(sent).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeader(PartnerSignature.PARTNER)).isEqualTo(SmsSender.PARTNER);
            assertThat(JsonHttp.JSON.readTree(request.getBodyAsString()).get("text").asString()).isNotBlank();
        });
    }

    @Test
    void shouldSendEachSmsOfARoundToItsOwnApplicantsNumber() {
        List<UUID> ids = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID()).toList();
        for (int i = 0; i < ids.size(); i++) {
            probe.publish(Topics.APPLICATION_STATUS, change(ids.get(i), 1, ApplicationStatus.ACCEPTED, phone(i)));
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> states(id).equals(List.of("SENT"))));

        for (int i = 0; i < ids.size(); i++) {
            assertThat(INBOX.received(phone(i))).containsOnlyKeys(messageIds(ids.get(i)));
        }
    }

    private static String phone(int family) {
        return "1390000%04d".formatted(1000 + family);
    }

    @Test
    void shouldSendNoSmsForAMessageWithoutANumber() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, null));

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(id) == 1);
        awaitQuiet(Topics.APPLICATION_STATUS);

        assertThat(states(id)).isEmpty();
    }

    @Test
    void shouldKeepAnItemsStartInAppWithoutAnSmsOrTheNumber() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION_STATUS, new ApplicationStatusChanged(UUID.randomUUID(), id, Instant.now(),
                "520000-20261120-000003", "520000", 2, ApplicationStatus.IN_PROGRESS, ApplicationStatus.IN_PROGRESS,
                Item.VACCINATION, null, List.of(new ItemState(Item.VACCINATION, ItemStatus.IN_PROGRESS, null)),
                "13900000004", new Audience("clerk-0007", List.of())));

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(id) == 1);
        awaitQuiet(Topics.APPLICATION_STATUS);

        assertThat(states(id)).isEmpty();
        assertThat(jdbc.sql("select channel from notification where application_id = ? and recipient is null")
                .param(id).query(String.class).list()).containsExactly("IN_APP");
    }

    @Test
    void shouldResendAnSmsAfterAFailedCallWithTheSameMessageIdAndDeliverItOnceTheProviderIsUpAgain() {
        UUID id = UUID.randomUUID();
        String phone = "13900000002";
        StubMapping down = PROVIDER.stubFor(post(urlPathEqualTo("/sms/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.phone", equalTo(phone)))
                .willReturn(aResponse().withStatus(503)));
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, phone));

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(id) >= 2);
        assertThat(states(id)).containsExactly("PENDING");
        PROVIDER.removeStub(down);

        await().atMost(Duration.ofSeconds(30)).until(() -> states(id).equals(List.of("SENT")));
        String messageId = messageIds(id).getFirst();
        var calls = PROVIDER.findAll(postRequestedFor(urlPathEqualTo("/sms/messages"))
                .withRequestBody(matchingJsonPath("$.phone", equalTo(phone))));
        assertThat(calls).hasSizeGreaterThanOrEqualTo(3).allSatisfy(request -> assertThat(
                JsonHttp.JSON.readTree(request.getBodyAsString()).get("messageId").asString()).isEqualTo(messageId));
        assertThat(calls.stream().map(request -> request.getHeader(PartnerSignature.NONCE))).doesNotHaveDuplicates();
        assertThat(INBOX.received(phone)).containsEntry(messageId, 1);
    }

    @Test
    void shouldMarkAnSmsFailedWhenTheProviderNeverTookItWhileTheMessageStaysInApp() {
        UUID id = UUID.randomUUID();
        String phone = "13900000003";
        PROVIDER.stubFor(post(urlPathEqualTo("/sms/messages")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.phone", equalTo(phone)))
                .willReturn(aResponse().withStatus(503)));
        probe.publish(Topics.APPLICATION_STATUS, change(id, 1, ApplicationStatus.ACCEPTED, phone));

        await().atMost(Duration.ofSeconds(60)).until(() -> states(id).equals(List.of("FAILED")));

        assertThat(attempts(id)).isEqualTo(6);
        assertThat(messages(id)).isEqualTo(1);
    }

    private long messages(UUID applicationId) {
        return jdbc.sql("select count(*) from notification where application_id = ?").param(applicationId)
                .query(Long.class).single();
    }

    private List<String> states(UUID applicationId) {
        return jdbc.sql("""
                        select s.state from sms_message s join notification n on n.id = s.notification_id
                        where n.application_id = ? order by n.version""")
                .param(applicationId).query(String.class).list();
    }

    private List<String> messageIds(UUID applicationId) {
        return jdbc.sql("""
                        select s.message_id from sms_message s join notification n on n.id = s.notification_id
                        where n.application_id = ? order by n.version""")
                .param(applicationId).query(String.class).list();
    }

    private int attempts(UUID applicationId) {
        return jdbc.sql("""
                        select coalesce(max(s.attempts), 0) from sms_message s
                        join notification n on n.id = s.notification_id where n.application_id = ?""")
                .param(applicationId).query(Integer.class).single();
    }

    private static ApplicationStatusChanged change(UUID id, long version, ApplicationStatus status, String phone) {
        return new ApplicationStatusChanged(UUID.randomUUID(), id, Instant.now(), "520000-20261120-000002", "520000",
                version, status, null, status == ApplicationStatus.ACCEPTED ? null : Item.BIRTH_CERT, null,
                List.of(new ItemState(Item.BIRTH_CERT, ItemStatus.COMPLETED, null)), phone,
                new Audience("clerk-0007", List.of()));
    }
}
