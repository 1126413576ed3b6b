package cn.gov.birth.gateway;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Redis away (nothing listens on port 1): each gateway keeps the same limits in its own memory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayRateLimitWithoutRedisTest extends RateLimitBehaviour {

    private static final Upstream SERVICES = new Upstream();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        limits(registry, SERVICES);
        registry.add("REDIS_PORT", () -> "1");
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }
}
