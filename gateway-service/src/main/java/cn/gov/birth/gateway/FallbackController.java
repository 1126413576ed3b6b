package cn.gov.birth.gateway;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a request whose upstream is down, too slow or open:
 * answered as an RFC 9457 problem, 504 for a timeout and 503 otherwise. A 503 says when to come
 * back ({@code Retry-After}): when the open breaker lets calls through again, in a second when the
 * calls in flight to that upstream were at their limit, in a few seconds when it did not answer at all.
 */
@RestController
class FallbackController {

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);
    private static final Duration FULL = Duration.ofSeconds(1);
    private static final Duration DOWN = Duration.ofSeconds(5);

    private final Duration breakerOpen;

    FallbackController(@Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}")
                       Duration breakerOpen) {
        this.breakerOpen = breakerOpen;
    }

    @RequestMapping("/fallback/{upstream}")
    ResponseEntity<ProblemDetail> fallback(@PathVariable String upstream, ServerWebExchange exchange) {
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String original = exchange.getAttribute(CorrelationHeaders.ORIGINAL_PATH);
        ProblemDetail problem = tooLarge(cause).orElseGet(() -> {
            boolean timeout = cause instanceof TimeoutException;
            HttpStatus status = timeout ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE;
            ProblemDetail unanswered = ProblemDetail.forStatusAndDetail(status, timeout
                    ? upstream + " did not answer in time; the request may still complete, check before retrying."
                    : upstream + " is not available right now; please retry later.");
            unanswered.setTitle(timeout ? "Upstream timeout" : "Service unavailable");
            // Why the upstream was not asked or did not answer: the one thing ops need to tell these apart.
            log.warn("{} answered {} for {}: {}", upstream, status.value(), original,
                    cause == null ? "no cause recorded" : cause.toString());
            return unanswered;
        });
        problem.setType(URI.create("https://birth.gov.cn/problems/" + problem.getStatus()));
        if (original != null) {
            problem.setInstance(URI.create(original));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.getStatus());
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter(cause).toSeconds()));
        }
        return answer.body(problem);
    }

    private Duration retryAfter(Throwable cause) {
        if (cause instanceof BulkheadFullException) {
            return FULL;
        }
        return cause instanceof CallNotPermittedException ? breakerOpen : DOWN;
    }

    /**
     * An import streamed past its limit ({@link BodySizeLimit}) fails the call mid-way, inside the breaker: the
     * caller's fault, not the upstream's.
     */
    private static Optional<ProblemDetail> tooLarge(Throwable cause) {
        for (Throwable reason = cause; reason != null; reason = reason.getCause()) {
            if (reason instanceof DataBufferLimitException) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        reason.getMessage());
                problem.setTitle("Request too large");
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }
}
