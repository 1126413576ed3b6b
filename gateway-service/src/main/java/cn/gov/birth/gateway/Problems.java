package cn.gov.birth.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** RFC 9457 problems the gateway answers itself (before any service is asked). */
final class Problems {

    static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String instance = exchange.getAttributeOrDefault(CorrelationHeaders.ORIGINAL_PATH,
                exchange.getRequest().getPath().value());
        String problem = """
                {"type":"https://birth.gov.cn/problems/%d","title":"%s","status":%d,"detail":"%s","instance":"%s"}"""
                .formatted(status.value(), title, status.value(), detail, clean(instance));
        DataBuffer body = response.bufferFactory().wrap(problem.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(body));
    }

    private static String clean(String text) {
        return text.replaceAll("[\"\\\\\\p{Cntrl}]", "");
    }

    private Problems() {
    }
}
