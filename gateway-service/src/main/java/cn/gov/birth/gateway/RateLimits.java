package cn.gov.birth.gateway;

import cn.gov.birth.security.PartnerSignature;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Per-person rate limits on every route: Spring Cloud Gateway's {@link RedisRateLimiter} (the
 * engine of its RequestRateLimiter filter: a token bucket in Redis, shared by every gateway
 * instance), keyed by the token's subject when signed in and by the client's address otherwise;
 * partners' callbacks by the partner they claim to be, with a budget of their own. Past the limit:
 * 429 with {@code Retry-After}. When Redis is away, each gateway instance limits on its own, in
 * memory, and asks Redis again a little later.
 */
@Component
class RateLimits implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
    /** The limiter's configurations: one per kind of caller. */
    static final String PEOPLE = "people";
    static final String PARTNERS = "partners";
    private static final Duration REDIS_RETRY = Duration.ofSeconds(10);
    private static final int MAX_LOCAL_BUCKETS = 100_000;

    private final RedisRateLimiter redis;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();
    private volatile Instant redisAwayUntil = Instant.MIN;

    /**
     * @param people   requests per second and burst of one person (subject or address)
     * @param partners requests per second and burst of one partner system
     */
    @ConfigurationProperties("birth.gateway.rate-limits")
    record Settings(Limit people, Limit partners) {
    }

    record Limit(int perSecond, long burst) {
    }

    RateLimits(RedisRateLimiter redis, Settings settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
        redis.getConfig().put(PEOPLE, config(settings.people()));
        redis.getConfig().put(PARTNERS, config(settings.partners()));
    }

    static RedisRateLimiter.Config config(Limit limit) {
        return new RedisRateLimiter.Config().setReplenishRate(limit.perSecond()).setBurstCapacity(limit.burst())
                .setRequestedTokens(1);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return caller(exchange).flatMap(key -> allowed(key[0], key[1]).flatMap(allowed -> {
            if (allowed) {
                return chain.filter(exchange);
            }
            Limit limit = PARTNERS.equals(key[0]) ? settings.partners() : settings.people();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, (long) Math.ceil(1.0 / limit.perSecond()))));
            return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                    "Too many requests in a short time; please retry after the time in Retry-After.");
        }));
    }

    /** The limiter's configuration and the key of the caller's bucket. */
    private Mono<String[]> caller(ServerWebExchange exchange) {
        String partner = exchange.getRequest().getHeaders().getFirst(PartnerSignature.PARTNER);
        if (partner != null && partner.matches(PartnerSignature.PARTNER_PATTERN)) {
            return Mono.just(new String[] {PARTNERS, "partner:" + partner});
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> new String[] {PEOPLE, "sub:" + principal.getName()})
                .defaultIfEmpty(new String[] {PEOPLE, "ip:" + address(exchange)});
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private Mono<Boolean> allowed(String kind, String key) {
        if (clock.instant().isBefore(redisAwayUntil)) {
            return Mono.just(locally(kind, key));
        }
        return redis.isAllowed(kind, key).map(response -> {
            if (redisFailed(response)) {
                redisAwayUntil = clock.instant().plus(REDIS_RETRY);
                log.warn("Redis is away: rate limits are kept in this gateway's memory for {}", REDIS_RETRY);
                return locally(kind, key);
            }
            return response.isAllowed();
        });
    }

    /** The limiter lets a request through with -1 tokens left when it could not ask Redis. */
    private static boolean redisFailed(RateLimiter.Response response) {
        return "-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER));
    }

    private boolean locally(String kind, String key) {
        if (local.size() > MAX_LOCAL_BUCKETS) {
            local.clear();
        }
        Limit limit = PARTNERS.equals(kind) ? settings.partners() : settings.people();
        return local.computeIfAbsent(kind + "|" + key, k -> new Bucket(limit, clock.instant())).take(clock.instant());
    }

    /** An in-memory token bucket, the same rule as the Redis script's. */
    private static final class Bucket {

        private final Limit limit;
        private double tokens;
        private Instant refilled;

        Bucket(Limit limit, Instant now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.refilled = now;
        }

        synchronized boolean take(Instant now) {
            double seconds = Duration.between(refilled, now).toNanos() / 1e9;
            tokens = Math.min(limit.burst(), tokens + seconds * limit.perSecond());
            refilled = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    /** After authentication (a web filter) and the body limit, before routing. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }
}
