package cn.gov.birth.simulator;

import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Calls the platform back as the partner would once it has done its part, signed with the secret
 * that partner shares with the platform: the tax channel reports the order paid
 * ({@code "kind": "payment"}); a bank reports the card made, with a random number unless
 * {@code cardNumber} says which, or not made ({@code "status": "FAILED"}, {@code reason})
 * ({@code "kind": "card"}); after {@code delayMs}. In a mapping:
 * {@code {"name": "signed-callback", "parameters": {"kind": "card", "delayMs": 500}}}. The system
 * property {@value #DELAY_PROPERTY} (the run script's {@code SIMULATOR_DELAY_MS}) sets every
 * callback's delay instead, e.g. 0 for a benchmark that measures the platform, not the partners.
 */
public class SignedCallback implements ServeEventListener {

    public static final String NAME = "signed-callback";
    public static final String DELAY_PROPERTY = "simulator.delay-ms";

    private final PartnerSecrets secrets;
    private final OptionalLong delayMs;
    /** A callback and three more tries. */
    private static final int ATTEMPTS = 4;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, NAME);
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * As {@code --extensions} makes it: the secrets from the environment ({@link Partners}), the
     * delay from {@value #DELAY_PROPERTY} when set.
     */
    public SignedCallback() {
        this(Partners.fromEnvironment(), delayOverride(System.getProperty(DELAY_PROPERTY)));
        delayMs.ifPresent(ms -> System.out.printf("%s: every callback after %d ms (%s), whatever the mappings say%n",
                NAME, ms, DELAY_PROPERTY));
    }

    public SignedCallback(PartnerSecrets secrets) {
        this(secrets, OptionalLong.empty());
    }

    SignedCallback(PartnerSecrets secrets, OptionalLong delayMs) {
        this.secrets = secrets;
        this.delayMs = delayMs;
    }

    /** The delay every callback takes instead of its mapping's: none when the property is unset or blank. */
    static OptionalLong delayOverride(String property) {
        if (property == null || property.isBlank()) {
            return OptionalLong.empty();
        }
        long ms = Long.parseLong(property.trim());
        if (ms < 0) {
            throw new IllegalArgumentException(DELAY_PROPERTY + " must not be negative, not " + ms);
        }
        return OptionalLong.of(ms);
    }

    /** How long to wait before calling back: the override if any, else the mapping's {@code delayMs} (0 if none). */
    static long delay(Parameters parameters, OptionalLong override) {
        return override.orElseGet(() -> ((Number) parameters.getOrDefault("delayMs", 0)).longValue());
    }

    /** A bank that reports the card not made, for this reason. */
    public static Parameters failed(String reason) {
        return Parameters.from(Map.of("kind", "card", "status", "FAILED", "reason", reason));
    }

    /** A bank that reports this card made. */
    public static Parameters made(String cardNumber) {
        return Parameters.from(Map.of("kind", "card", "status", "MADE", "cardNumber", cardNumber));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterComplete(ServeEvent serveEvent, Parameters parameters) {
        if (serveEvent.getResponse() == null || serveEvent.getResponse().getStatus() / 100 != 2) {
            return;
        }
        String partner = Partners.of(serveEvent.getRequest().getUrl());
        Map<String, Object> request = Json.read(serveEvent.getRequest().getBodyAsString(), Map.class);
        Object callbackUrl = request.get("callbackUrl");
        if (partner == null || callbackUrl == null) {
            return;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        if ("payment".equals(parameters.getString("kind"))) {
            report.put("orderId", request.get("orderId"));
            report.put("paymentReference", "TAX-" + request.get("orderId"));
            report.put("status", "PAID");
            report.put("paidAt", Instant.now().toString());
        } else {
            String status = parameters.getString("status", "MADE");
            report.put("requestId", request.get("requestId"));
            report.put("status", status);
            if ("MADE".equals(status)) {
                report.put("cardNumber", parameters.getString("cardNumber",
                        "SS" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(9_000_000_000L))));
                report.put("reason", null);
            } else {
                report.put("reason", parameters.getString("reason", "CARD_NOT_MADE"));
            }
        }
        byte[] body = Json.write(report).getBytes(StandardCharsets.UTF_8);
        scheduler.schedule(() -> post(partner, URI.create(callbackUrl.toString()), body, 1), delay(parameters, delayMs),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Calls back; again after 1, 2 and 4 s when the platform did not answer or answered 429 or 5xx, as payment
     * channels and banks retry their notifications (a report repeated changes nothing). Then the callback is lost,
     * as a real partner's may be: the service asks again (recheck, callback timeout).
     */
    private void post(String partner, URI url, byte[] body, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        secrets.of(partner).ifPresent(secret ->
                PartnerSignature.headers(partner, secret, body, Instant.now()).forEach(request::header));
        // Not waited for: a slow platform must not hold the scheduler's four threads, or at a benchmark's
        // rate with no delay every other callback would queue behind it.
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure == null) {
                System.out.printf("%s called back %s: HTTP %d%n", partner, url.getPath(), response.statusCode());
            } else {
                System.out.printf("%s could not call back %s: %s%n", partner, url.getPath(), failure);
            }
            again(attempt, failure == null ? response.statusCode() : 0).ifPresent(wait -> scheduler.schedule(
                    () -> post(partner, url, body, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    /** How long until the next try after try {@code attempt} was answered {@code status} (0: not at all), if any. */
    static Optional<Duration> again(int attempt, int status) {
        boolean failed = status == 0 || status == 429 || status >= 500;
        return failed && attempt < ATTEMPTS ? Optional.of(Duration.ofSeconds(1L << (attempt - 1))) : Optional.empty();
    }
}
