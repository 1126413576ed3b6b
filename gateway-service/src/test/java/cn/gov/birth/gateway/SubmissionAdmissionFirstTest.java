package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway with no room for new applications refuses them before anything else runs: a missing or
 * forged token is not even looked at, and no service is called; every other route is checked as always.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "birth.gateway.submissions-in-flight=0")
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class SubmissionAdmissionFirstTest {

    private static final Upstream SERVICES = new Upstream();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        SERVICES.standIn(registry);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }

    @Autowired
    WebTestClient client;

    @Test
    void shouldRefuseANewApplicationAsBusyBeforeVerifyingAnyToken() {
        for (String bearer : List.of("", "Bearer not-a-token")) {
            client.post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (!bearer.isEmpty()) {
                            headers.set(HttpHeaders.AUTHORIZATION, bearer);
                        }
                    })
                    .bodyValue("{}")
                    .exchange().expectStatus().isEqualTo(503)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody().jsonPath("$.title").isEqualTo("Busy");
        }
        assertThat(SERVICES.seen).isEmpty();
    }

    @Test
    void shouldStillRefuseEveryOtherRouteWithoutATokenAsUnauthorized() {
        client.get().uri("/api/v1/applications").exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/applications/x/supplements").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isUnauthorized();
    }
}
