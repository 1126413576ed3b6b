package cn.gov.birth.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit with a 413 problem before they reach any service: by the
 * declared length at once, and a streamed (chunked) body by the bytes that arrive. A streamed
 * body within the ordinary limit is gathered first and forwarded with its length; a reference-data
 * import, with its own far larger limit, streams through counted, and is answered 413 the moment
 * it runs over (the service, still waiting for the rest of the body, has not answered yet). An import with
 * its length declared streams through as it is, like any body within its limit.
 */
@Component
class BodySizeLimit implements GlobalFilter, Ordered {

    static final String IMPORTS = "/api/v1/departments/*/reference/*";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long maxBody;
    private final long maxImport;

    BodySizeLimit(@Value("${birth.gateway.max-body:256KB}") DataSize maxBody,
                  @Value("${birth.gateway.max-import-body:512MB}") DataSize maxImport) {
        this.maxBody = maxBody.toBytes();
        this.maxImport = maxImport.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        boolean isImport = HttpMethod.POST.equals(request.getMethod())
                && PATHS.match(IMPORTS, request.getPath().value());
        long limit = isImport ? maxImport : maxBody;
        HttpHeaders headers = request.getHeaders();
        long length = headers.getContentLength();
        if (length > limit) {
            return tooLarge(exchange, limit);
        }
        if (length >= 0 || !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        if (isImport) {
            return chain.filter(exchange.mutate().request(counted(request, limit)).build())
                    .onErrorResume(DataBufferLimitException.class, e -> exchange.getResponse().isCommitted()
                            ? Mono.error(e) : tooLarge(exchange, limit));
        }
        return DataBufferUtils.join(request.getBody(), (int) Math.min(limit, Integer.MAX_VALUE))
                .flatMap(body -> chain.filter(exchange.mutate().request(whole(request, body)).build()))
                .onErrorResume(DataBufferLimitException.class, e -> tooLarge(exchange, limit));
    }

    static Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                "The request body is larger than " + limit + " bytes.");
    }

    /** The gathered body, forwarded with its length instead of in chunks. */
    private static ServerHttpRequest whole(ServerHttpRequest request, DataBuffer body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body.readableByteCount());
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
    }

    /** The body as it streams, failing with {@link DataBufferLimitException} past the limit. */
    private static ServerHttpRequest counted(ServerHttpRequest request, long limit) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                long[] seen = {0};
                return super.getBody().doOnNext(buffer -> {
                    seen[0] += buffer.readableByteCount();
                    if (seen[0] > limit) {
                        DataBufferUtils.release(buffer);
                        throw new DataBufferLimitException("The request body is larger than " + limit + " bytes.");
                    }
                });
            }
        };
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
