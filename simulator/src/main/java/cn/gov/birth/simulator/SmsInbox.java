package cn.gov.birth.simulator;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SMS provider's stand-in: takes an SMS ({@code POST /sms/messages}, signed, checked by
 * {@link PartnerSignatureCheck}) and, as a real provider deduplicating on the sender's message id,
 * keeps how often each message id reached each number; {@code GET /sms-inbox?phone=<number>}
 * answers that record for the number ({@code {"received": {"<messageId>": <times>}}}), so a test
 * can see that a resend was recognised and no message was sent twice as two. Texts are not kept.
 * In a mapping: {@code "transformers": ["sms-inbox"]}.
 */
public class SmsInbox implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "sms-inbox";

    /** Per number, how often each message id reached it. */
    private final Map<String, Map<String, Integer>> received = new ConcurrentHashMap<>();

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
    public ResponseDefinition transform(ServeEvent serveEvent) {
        if (!"POST".equals(serveEvent.getRequest().getMethod().getName())) {
            var phone = serveEvent.getRequest().queryParameter("phone");
            return phone.isPresent() ? json(200, Map.of("received", new TreeMap<>(received(phone.firstValue()))))
                    : json(400, Map.of("error", "NO_PHONE"));
        }
        Map<String, Object> sms = Json.read(serveEvent.getRequest().getBodyAsString(), Map.class);
        Object messageId = sms.get("messageId");
        Object phone = sms.get("phone");
        if (messageId == null || phone == null) {
            return json(400, Map.of("error", "NO_MESSAGE_ID_OR_PHONE"));
        }
        int times = received.computeIfAbsent(phone.toString(), number -> new ConcurrentHashMap<>())
                .merge(messageId.toString(), 1, Integer::sum);
        return json(200, Map.of("messageId", messageId, "duplicate", times > 1));
    }

    /** How often each message id reached the number. */
    public Map<String, Integer> received(String phone) {
        return Map.copyOf(received.getOrDefault(phone, Map.of()));
    }

    private static ResponseDefinition json(int status, Object body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Json.write(body)).build();
    }
}
