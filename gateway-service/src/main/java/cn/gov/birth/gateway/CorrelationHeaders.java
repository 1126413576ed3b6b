package cn.gov.birth.gateway;

import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id} and a W3C {@code traceparent} (kept when the caller
 * sent them), so one application can be followed from the portal through every service and
 * event. Logs method, path, status and duration only: bodies hold personal data.
 */
@Component
class CorrelationHeaders implements GlobalFilter, Ordered {

    static final String REQUEST_ID = "X-Request-Id";
    static final String TRACEPARENT = "traceparent";
    /** The path the caller asked for, kept for problem responses written after a forward. */
    static final String ORIGINAL_PATH = "birth.originalPath";
    private static final Logger log = LoggerFactory.getLogger(CorrelationHeaders.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long started = System.nanoTime();
        ServerHttpRequest request = exchange.getRequest();
        String id = Objects.requireNonNullElseGet(request.getHeaders().getFirst(REQUEST_ID),
                () -> UUID.randomUUID().toString());
        String traceparent = request.getHeaders().getFirst(TRACEPARENT);
        ServerHttpRequest forwarded = request.mutate().headers(headers -> {
            headers.set(REQUEST_ID, id);
            if (traceparent == null) {
                headers.set(TRACEPARENT, newTraceparent());
            }
        }).build();
        exchange.getResponse().getHeaders().set(REQUEST_ID, id);
        exchange.getAttributes().putIfAbsent(ORIGINAL_PATH, request.getPath().value());
        return chain.filter(exchange.mutate().request(forwarded).build()).doFinally(signal ->
                log.info("{} {} -> {} in {} ms [{}]", request.getMethod(), request.getPath().value(),
                        exchange.getResponse().getStatusCode(), (System.nanoTime() - started) / 1_000_000, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private static String newTraceparent() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong()) + "-"
                + hex.toHexDigits(random.nextLong()) + "-01";
    }
}
