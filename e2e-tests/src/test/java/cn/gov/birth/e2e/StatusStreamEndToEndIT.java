package cn.gov.birth.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.test.EventStream;
import cn.gov.birth.platform.test.JsonHttp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The portal follows an application live through the gateway: its status changes as Server-Sent
 * Events ({@code GET /api/v1/applications/{id}/events}), served by notification-service.
 */
class StatusStreamEndToEndIT {

    /** The longest a family waits for the next status change (a whole application takes seconds). */
    private static final Duration NEXT_CHANGE = Duration.ofSeconds(120);
    /** A resident who is no parent of the families filed here. */
    private static final String STRANGER = ResidentIdNumber.of("520102", LocalDate.of(1990, 1, 1), 123);
    private static Platform platform;
    private static Portal portal;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = Platform.shared();
        portal = new Portal(platform.gatewayUrl());
    }

    @Test
    void shouldStreamEveryStatusChangeUpToCompletedAndResumeAfterTheLastEventIdWithNoGapAndNoRepeat() {
        ObjectNode form = portal.knownFamily();
        String token = portal.token("citizen-" + UUID.randomUUID(), List.of("CITIZEN"), null,
                form.get("mother").get("idNumber").asString());
        JsonHttp mother = portal.anonymous().as(token);
        var created = mother.post("/api/v1/applications", form);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        String events = platform.gatewayUrl() + "/api/v1/applications/" + id + "/events";

        // One follower stays from just after the filing to the end; another leaves after its first event and comes back.
        List<String> followed = new ArrayList<>();
        List<String> resumed = new ArrayList<>();
        String finalStatus;
        try (EventStream follower = EventStream.open(events, token, null)) {
            assertThat(follower.status()).isEqualTo(200);
            String lastSeen;
            try (EventStream leaving = EventStream.open(events, token, null)) {
                lastSeen = leaving.next(NEXT_CHANGE).orElseThrow().id();
            }
            resumed.add(lastSeen);
            try (EventStream back = EventStream.open(events, token, lastSeen)) {
                assertThat(back.status()).isEqualTo(200);
                back.untilEnd(NEXT_CHANGE).forEach(event -> resumed.add(event.id()));
            }
            List<EventStream.Event> all = follower.untilEnd(NEXT_CHANGE);
            all.forEach(event -> followed.add(event.id()));
            finalStatus = all.getLast().json().get("status").asString();
        }

        List<String> recorded = mother.get("/api/v1/notifications?applicationId=" + id + "&size=100").json()
                .get("items").valueStream().map(message -> Long.toString(message.get("version").asLong())).toList();
        assertThat(finalStatus).isEqualTo("COMPLETED");
        assertThat(followed).as("every status change, in order").containsExactlyElementsOf(recorded);
        assertThat(resumed).as("no gap and no repeat across the reconnection").containsExactlyElementsOf(recorded);
        try (EventStream again = EventStream.open(events, token, recorded.getLast())) {
            assertThat(again.status()).as("nothing after the final status: the portal stops").isEqualTo(204);
        }
        try (EventStream stranger = EventStream.open(events, portal.token("citizen-" + UUID.randomUUID(),
                List.of("CITIZEN"), null, STRANGER), null)) {
            assertThat(stranger.status()).isEqualTo(404);
        }
        try (EventStream anonymous = EventStream.open(events, null, null)) {
            assertThat(anonymous.status()).isEqualTo(401);
        }
    }
}
