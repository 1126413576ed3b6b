package cn.gov.birth.sscard.bank;

import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.security.PartnerSecrets;
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
import java.time.Clock;
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
    /** Banks' partner ids are their codes after this. */
    public static final String PARTNER_PREFIX = "BANK-";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final BulkheadRegistry bulkheads;
    private final PartnerClient http;
    private final Duration timeout;

    BankClient(CircuitBreakerRegistry breakers, RetryRegistry retries, BulkheadRegistry bulkheads,
               CardProperties properties, PartnerSecrets secrets, Clock clock) {
        this.breakers = breakers;
        this.retries = retries;
        this.bulkheads = bulkheads;
        this.http = new PartnerClient(secrets, properties.bankApi().connectTimeout(), clock);
        this.timeout = properties.bankApi().timeout();
    }

    /** A bank's id as a partner ({@code BANK-ICBC}): whose secret signs our requests and its callbacks. */
    public static String partner(String bankCode) {
        return PARTNER_PREFIX + bankCode;
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
        CheckedSupplier<Reply> call = () -> post(bankCode, cardApiUrl, body);
        return Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(breaker,
                        Bulkhead.decorateCheckedSupplier(bulkhead, call))).get();
    }

    private Reply post(String bankCode, String cardApiUrl, String body) throws IOException, InterruptedException {
        PartnerClient.Reply response = http.post(partner(bankCode), URI.create(cardApiUrl + "/card-applications"),
                body, timeout);
        int status = response.status();
        // Only a refusal of the data itself (400, 422) is the applicant's to correct; anything else that is
        // not an acceptance (busy, unauthorized, a wrong address, a timeout) is the bank's or ours: try again.
        if (status / 100 != 2 && status != 409 && status != 400 && status != 422) {
            throw new BankUnavailableException(status);
        }
        return new Reply(status / 100 == 2 || status == 409, status, response.body());
    }
}
