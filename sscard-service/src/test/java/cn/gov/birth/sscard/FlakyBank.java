package cn.gov.birth.sscard;

import cn.gov.birth.platform.test.PartnerCalls;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A card-making bank in a bad way, scripted for WireMock: every second call fails with 503, the
 * others answer slowly (some past the service's timeout). Like a real bank it deduplicates on the
 * request id: the first call with an id is accepted (202) and makes a card, reported by callback
 * (signed as {@code BANK-FLAKY}) seconds later; a repeat (the service resending after a timeout) is
 * answered 409 and makes none.
 */
final class FlakyBank implements ResponseDefinitionTransformerV2 {

    static final String NAME = "flaky-bank";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    /** How often each request id reached the bank (503s aside). */
    private final Map<String, Integer> received = new ConcurrentHashMap<>();
    /** Request ids accepted, each making one card: the bank's own record. */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ScheduledExecutorService callbacks = Executors.newScheduledThreadPool(2);
    private final int slowestMillis;

    FlakyBank(int slowestMillis) {
        this.slowestMillis = slowestMillis;
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
    public ResponseDefinition transform(ServeEvent serveEvent) {
        if (calls.incrementAndGet() % 2 == 0) {
            failed.incrementAndGet();
            return new ResponseDefinitionBuilder().withStatus(503).withBody("busy").build();
        }
        JsonNode body = JSON.readTree(serveEvent.getRequest().getBodyAsString());
        String requestId = body.get("requestId").asString();
        int delay = ThreadLocalRandom.current().nextInt(100, slowestMillis);
        received.merge(requestId, 1, Integer::sum);
        boolean first = accepted.add(requestId);
        if (first) {
            String callbackUrl = body.get("callbackUrl").asString();
            // Late enough that a call the service gave up on is resent before the card is reported, even
            // when the open breaker holds the resend back for a few seconds on a busy machine.
            callbacks.schedule(() -> callBack(callbackUrl, requestId), delay + 6000L, TimeUnit.MILLISECONDS);
        }
        return new ResponseDefinitionBuilder().withStatus(first ? 202 : 409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"requestId\":\"" + requestId + "\",\"duplicate\":" + !first + "}")
                .withFixedDelay(delay)
                .build();
    }

    private void callBack(String url, String requestId) {
        String card = "FB%010d".formatted(Math.abs(requestId.hashCode()));
        String report = "{\"requestId\":\"" + requestId + "\",\"status\":\"MADE\",\"cardNumber\":\"" + card + "\"}";
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .headers(PartnerCalls.signed("BANK-FLAKY", report))
                    .POST(HttpRequest.BodyPublishers.ofString(report))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // A lost callback leaves the item open: the test fails on that, as it should.
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Request ids the bank accepted, each making one card. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** How often each request id reached the bank: more than once where the service resent it. */
    Map<String, Integer> received() {
        return Map.copyOf(received);
    }

    int failedCalls() {
        return failed.get();
    }

    void close() {
        callbacks.shutdownNow();
    }
}
