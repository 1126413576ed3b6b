package cn.gov.birth.gateway;

import io.lettuce.core.ClientOptions;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's rate limits: Spring Cloud Gateway's Redis limiter, and what to do when Redis is away. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimits.Settings.class)
class GatewayConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Its default configuration is the people's; {@link RateLimits} adds the partners'. */
    @Bean
    RedisRateLimiter redisRateLimiter(RateLimits.Settings settings) {
        return new RedisRateLimiter(settings.people().perSecond(), settings.people().burst(), 1);
    }

    /** A Redis that is down fails a command at once instead of queueing it until the timeout. */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhenRedisIsAway() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }
}
