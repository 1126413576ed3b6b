package cn.gov.birth.gateway.balancing;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A killed or restarting instance refuses connections. The request never reached it, so it is safe to send again,
 * whatever its method: it goes to another instance of the service, and the instance that refused is left out of
 * the turn for {@code passOver} (then tried again), so that the others take its share at once. When every
 * instance refused, all are tried as usual (and the route's circuit breaker answers 503).
 */
public class RefusedConnections implements GlobalFilter, Ordered {

    /** The first try and two more: each refusal takes its instance out of the turn before the next. */
    private static final int ATTEMPTS = 3;

    private final Clock clock;
    private final Duration passOver;
    private final Map<URI, Instant> refusedUntil = new ConcurrentHashMap<>();

    RefusedConnections(Clock clock, Duration passOver) {
        this.clock = clock;
        this.passOver = passOver;
    }

    /** The instances not passed over; all of them when every one is. */
    List<ServiceInstance> reachable(List<ServiceInstance> instances) {
        Instant now = clock.instant();
        List<ServiceInstance> reachable = instances.stream()
                .filter(instance -> !refusedUntil.getOrDefault(instance.getUri(), Instant.MIN).isAfter(now))
                .toList();
        return reachable.isEmpty() ? instances : reachable;
    }

    /** Before the route's URL is made and an instance chosen, so that a retry chooses again. */
    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null || !"lb".equals(route.getUri().getScheme())) {
            return chain.filter(exchange);
        }
        return attempt(exchange, chain, 1);
    }

    private Mono<Void> attempt(ServerWebExchange exchange, GatewayFilterChain chain, int attempt) {
        return chain.filter(exchange).onErrorResume(error -> refused(error) && attempt < ATTEMPTS, error -> {
            Response<ServiceInstance> chosen = exchange.getAttribute(
                    ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
            if (chosen != null && chosen.hasServer()) {
                refusedUntil.put(chosen.getServer().getUri(), clock.instant().plus(passOver));
            }
            ServerWebExchangeUtils.reset(exchange);
            return attempt(exchange, chain, attempt + 1);
        });
    }

    private static boolean refused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
