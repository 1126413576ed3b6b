package cn.gov.birth.gateway;

import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The limits kept in Redis (127.0.0.1:6379, REDIS_HOST/REDIS_PORT), shared by every gateway instance. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "20s")
@ActiveProfiles("dev")
class GatewayRateLimitTest extends RateLimitBehaviour {

    private static final Upstream SERVICES = new Upstream();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        limits(registry, SERVICES);
    }

    @AfterAll
    static void stop() {
        SERVICES.close();
    }
}
