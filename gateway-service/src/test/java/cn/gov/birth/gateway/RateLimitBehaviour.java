package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Per-person limits at the gateway: 2 a second with a burst of 5 here; the subclasses say where the buckets are. */
abstract class RateLimitBehaviour {

    static void limits(DynamicPropertyRegistry registry, Upstream services) {
        services.standIn(registry);
        registry.add("RATE_LIMIT_PER_SECOND", () -> "2");
        registry.add("RATE_LIMIT_BURST", () -> "5");
    }

    @Autowired
    WebTestClient client;

    @Test
    void shouldAnswer429WithRetryAfterToOnePersonInARushAndNotToAnother() {
        String rushing = GatewayTokens.of(client, "rushing-" + UUID.randomUUID(), List.of("CLERK"), null, null);
        String calm = GatewayTokens.of(client, "calm-" + UUID.randomUUID(), List.of("CLERK"), null, null);

        List<EntityExchangeResult<byte[]>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(client.get().uri("/api/v1/applications").headers(h -> h.setBearerAuth(rushing))
                    .exchange().expectBody().returnResult());
        }

        List<EntityExchangeResult<byte[]>> refused = answers.stream()
                .filter(a -> a.getStatus().value() == 429).toList();
        assertThat(refused).hasSizeGreaterThanOrEqualTo(10);
        assertThat(refused.getFirst().getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.getFirst().getResponseHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/api/v1/applications").headers(h -> h.setBearerAuth(calm)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void shouldNotLimitTheDevTokenEndpoint() {
        for (int i = 0; i < 20; i++) {
            GatewayTokens.of(client, "many-" + i, List.of("CITIZEN"), null, "520102199403121220");
        }
    }
}
