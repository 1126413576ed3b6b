package cn.gov.birth.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Admission by capacity: at most so many new applications ({@code POST /api/v1/applications}) are on
 * their way through this gateway at once: {@code submissions-in-flight} while they are answered within
 * {@code submission-latency-target}, fewer while they are not ({@link AdmissionLimit}). More than that
 * means the platform is behind — each submission waits for the CPU with the work already admitted — so a
 * further one is answered 503 with {@code Retry-After} at once, before it costs anything, rather
 * than queued without bound. It is the first filter of all, ahead of token verification and the
 * per-person rate limits ({@link RateLimits}): on a saturated machine a refusal must not wait for
 * an RSA verification and a Redis round trip, and a refused family keeps its rate-limit allowance
 * for the retry. A refusal says only that the platform is busy, to anyone. Per gateway instance.
 * Metrics: {@code birth.gateway.submissions.refused}, {@code birth.gateway.submissions.in-flight},
 * {@code birth.gateway.submissions.limit}.
 */
@Component
class SubmissionAdmission implements WebFilter, Ordered {

    private static final String SUBMISSIONS = "/api/v1/applications";

    private final AdmissionLimit limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    @Autowired
    SubmissionAdmission(@Value("${birth.gateway.submissions-in-flight}") int ceiling,
                        @Value("${birth.gateway.submission-latency-target}") Duration target, MeterRegistry meters) {
        this(new AdmissionLimit(ceiling, target, System::nanoTime), meters);
    }

    SubmissionAdmission(AdmissionLimit limit, MeterRegistry meters) {
        this.limit = limit;
        this.refused = meters.counter("birth.gateway.submissions.refused");
        meters.gauge("birth.gateway.submissions.in-flight", inFlight);
        meters.gauge("birth.gateway.submissions.limit", limit, AdmissionLimit::current);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST
                || !SUBMISSIONS.equals(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        if (inFlight.incrementAndGet() > limit.current()) {
            inFlight.decrementAndGet();
            refused.increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                    "The platform is taking in as many applications as it can finish; please retry after the time in Retry-After.");
        }
        long start = limit.startNanos();
        return chain.filter(exchange).doFinally(signal -> {
            inFlight.decrementAndGet();
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            limit.ended(start, signal != SignalType.ON_COMPLETE || status != null && status.is5xxServerError());
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
