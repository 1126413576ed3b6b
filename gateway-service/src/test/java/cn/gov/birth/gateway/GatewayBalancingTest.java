package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of application-service and a third that is down (nothing listens on port 9): the gateway takes
 * the live ones in turn and sends what the dead one refused to another, body and all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayBalancingTest {

    private static final Upstream FIRST = new Upstream();
    private static final Upstream SECOND = new Upstream();
    private static final Upstream OTHERS = new Upstream();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("APPLICATION_SERVICE_URL", () -> FIRST.url() + ",http://127.0.0.1:9," + SECOND.url());
        for (String service : List.of("NOTIFICATION", "HUKOU", "BIRTH_CERT", "VACCINATION", "INSURANCE", "SSCARD")) {
            registry.add(service + "_SERVICE_URL", OTHERS::url);
        }
        registry.add("DEV_KEYS_DIR", () -> "target/dev-keys");
        registry.add("RATE_LIMIT_PER_SECOND", () -> "10000");
        registry.add("RATE_LIMIT_BURST", () -> "20000");
    }

    @AfterAll
    static void stop() {
        FIRST.close();
        SECOND.close();
        OTHERS.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void shouldShareRequestsAmongTheInstancesAndSendWhatADeadOneRefusedToAnother() {
        String token = GatewayTokens.of(client, "citizen-1", List.of("CITIZEN"), null, "520102199403121220");
        int requests = 30;
        for (int i = 0; i < requests; i++) {
            client.get().uri("/api/v1/applications/" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk();
        }
        String body = "{\"region\":\"520000\"}";
        for (int i = 0; i < 6; i++) {
            client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                    .headers(h -> h.setBearerAuth(token)).bodyValue(body)
                    .exchange().expectStatus().isOk();
        }

        long first = FIRST.seen.keySet().stream().filter(line -> line.startsWith("GET ")).count();
        long second = SECOND.seen.keySet().stream().filter(line -> line.startsWith("GET ")).count();
        assertThat(first + second).isEqualTo(requests);
        assertThat(first).isGreaterThanOrEqualTo(requests / 3);
        assertThat(second).isGreaterThanOrEqualTo(requests / 3);
        assertThat(List.of(FIRST.seen.get("POST /api/v1/applications"), SECOND.seen.get("POST /api/v1/applications")))
                .allSatisfy(seen -> assertThat(seen.bodyBytes()).isEqualTo(body.length()));
    }
}
