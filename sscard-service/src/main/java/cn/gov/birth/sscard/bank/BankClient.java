package cn.gov.birth.sscard.bank;

import cn.gov.birth.sscard.card.CardProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The banks' card-making interface ({@code POST {cardApiUrl}/card-applications}). Each bank is an
 * external system of its own, so each gets its own circuit breaker, retry and bulkhead (instances
 * {@code bank-<CODE>} made from the {@code bank} configuration in application.yml): one bank that
 * is down or slow neither stops nor starves the requests to the others. Calls are bounded by the
 * client's answer timeout; retries back off exponentially; an open breaker or a full bulkhead
 * refuses at once, and the sender tries again later.
 */
@Component
public class BankClient {

    /** The configuration every bank's instances are made from. */
    static final String CONFIG = "bank";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final HttpClient http;
    private final Duration timeout;

    BankClient(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
               CardProperties properties) {
        this.breakers = breakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.bankApi().connectTimeout()).build();
        this.timeout = properties.bankApi().timeout();
    }

    /** How the bank answered a request it received. */
    public record Reply(boolean accepted, int status, String body) {
    }

    /**
     * Submits the card-making data. Returns the bank's answer when it took the request (2xx, or
     * 409: it already has that request id) or refused its data (400, 422); throws when it could not
     * be reached, answered anything else or kept failing, or when its breaker or bulkhead refused.
     */
    public Reply submit(String bankCode, String cardApiUrl, String body) throws Throwable {
        String instance = "bank-" + bankCode;
        CircuitBreaker breaker = breakers.circuitBreaker(instance, CONFIG);
        Retry retry = retries.retry(instance, CONFIG);
        Bulkhead bulkhead = bulkheads.bulkhead(instance, CONFIG);
        CheckedSupplier<Reply> call = () -> post(cardApiUrl, body);
        return Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker,
                        Bulkhead.decorateCheckedSupplier(bulkhead, call))).get();
    }

    private Reply post(String cardApiUrl, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cardApiUrl + "/card-applications"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        // Only a refusal of the data itself (400, 422) is the applicant's to correct; anything else that is
        // not an acceptance (busy, unauthorized, a wrong address, a timeout) is the bank's or ours: try again.
        if (status / 100 != 2 && status != 409 && status != 400 && status != 422) {
            throw new BankUnavailableException(status);
        }
        String answer = response.body() == null ? "" : response.body();
        return new Reply(status / 100 == 2 || status == 409, status,
                answer.length() > 200 ? answer.substring(0, 200) : answer);
    }
}
