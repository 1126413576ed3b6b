package cn.gov.birth.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Refuses request bodies over the limit with a 413 problem before they reach any service. */
@Component
class BodySizeLimit implements GlobalFilter, Ordered {

    private final long maxBytes;

    BodySizeLimit(@Value("${birth.gateway.max-body:256KB}") DataSize maxBody) {
        this.maxBytes = maxBody.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length <= maxBytes) {
            return chain.filter(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String problem = """
                {"type":"https://birth.gov.cn/problems/413","title":"Request too large","status":413,\
                "detail":"The request body is larger than %d bytes.","instance":"%s"}"""
                .formatted(maxBytes, exchange.getRequest().getPath().value().replace("\"", ""));
        DataBuffer body = response.bufferFactory().wrap(problem.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
