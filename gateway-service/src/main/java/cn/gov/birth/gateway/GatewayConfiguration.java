package cn.gov.birth.gateway;

import io.lettuce.core.ClientOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/** The gateway's rate limits: Spring Cloud Gateway's Redis limiter, and what to do when Redis is away. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimits.Settings.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Spring Cloud Gateway's token bucket with its own Lua script, read once: the stock script bean
     * asks its class-path resource whether it changed on every request (a lookup in the jar each
     * time, 4% of the gateway's CPU under load). {@link RateLimits} adds the people's and partners'
     * configurations.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configurations)
            throws IOException {
        String script = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
                .getContentAsString(StandardCharsets.UTF_8);
        return new RedisRateLimiter(redis, (RedisScript) RedisScript.of(script, List.class), configurations);
    }

    /** A Redis that is down fails a command at once instead of queueing it until the timeout. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhenRedisIsAway() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }
}
