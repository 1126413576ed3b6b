package cn.gov.birth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SubmissionAdmissionTest {

    private static final Duration TARGET = Duration.ofSeconds(2);

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SubmissionAdmission admission = new SubmissionAdmission(new AdmissionLimit(2, TARGET, now::get), meters);
    // A gateway of its own for the limit's gauge: a registry keeps the first gauge of a name.
    private final SimpleMeterRegistry roomyMeters = new SimpleMeterRegistry();
    private final SubmissionAdmission roomy = new SubmissionAdmission(new AdmissionLimit(8, TARGET, now::get), roomyMeters);

    private static MockServerWebExchange submission() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/applications"));
    }

    @Test
    void shouldAnswer503WithRetryAfterPastTheSubmissionsInFlightAndAdmitAgainWhenOneEnds() {
        Sinks.Empty<Void> first = Sinks.empty();
        Sinks.Empty<Void> second = Sinks.empty();
        admission.filter(submission(), exchange -> first.asMono()).subscribe();
        admission.filter(submission(), exchange -> second.asMono()).subscribe();

        MockServerWebExchange third = submission();
        boolean[] forwarded = {false};
        admission.filter(third, exchange -> {
            forwarded[0] = true;
            return Mono.empty();
        }).block();

        assertThat(forwarded[0]).isFalse();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(third.getResponse().getBodyAsString().block()).contains("\"status\":503");
        assertThat(meters.counter("birth.gateway.submissions.refused").count()).isEqualTo(1);

        first.tryEmitEmpty();
        MockServerWebExchange fourth = submission();
        admission.filter(fourth, exchange -> Mono.empty()).block();
        assertThat(fourth.getResponse().getStatusCode()).isNull();
    }

    @Test
    void shouldAdmitFewerAtOnceAfterASubmissionTookLongerThanTheTarget() {
        Sinks.Empty<Void> slow = Sinks.empty();
        roomy.filter(submission(), exchange -> slow.asMono()).subscribe();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        slow.tryEmitEmpty();
        assertThat(roomyMeters.get("birth.gateway.submissions.limit").gauge().value()).isEqualTo(6);

        Sinks.Empty<Void> held = Sinks.empty();
        for (int i = 0; i < 6; i++) {
            roomy.filter(submission(), exchange -> held.asMono()).subscribe();
        }
        MockServerWebExchange seventh = submission();
        roomy.filter(seventh, exchange -> Mono.empty()).block();

        assertThat(seventh.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void shouldAdmitFewerAtOnceAfterASubmissionWasAnsweredWithAServerError() {
        roomy.filter(submission(), exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.GATEWAY_TIMEOUT);
            return Mono.empty();
        }).block();

        assertThat(roomyMeters.get("birth.gateway.submissions.limit").gauge().value()).isEqualTo(6);
    }

    @Test
    void shouldLetEverythingButNewApplicationsThroughWhateverIsInFlight() {
        Sinks.Empty<Void> held = Sinks.empty();
        admission.filter(submission(), exchange -> held.asMono()).subscribe();
        admission.filter(submission(), exchange -> held.asMono()).subscribe();

        for (MockServerHttpRequest request : new MockServerHttpRequest[] {
                MockServerHttpRequest.get("/api/v1/applications").build(),
                MockServerHttpRequest.post("/api/v1/applications/1/supplements").build()}) {
            MockServerWebExchange other = MockServerWebExchange.from(request);
            admission.filter(other, exchange -> Mono.empty()).block();
            assertThat(other.getResponse().getStatusCode()).isNull();
        }
    }
}
