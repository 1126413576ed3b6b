package cn.gov.birth.notification.sms;

import cn.gov.birth.notification.sms.SmsMessages.SmsRequest;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.outbound.OutboundSender;
import cn.gov.birth.platform.outbound.PartnerAnswerException;
import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.security.PartnerSecrets;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the pending SMS to the provider's HTTP API ({@code POST {url}/sms/messages}, signed as
 * {@value #PARTNER}) through the platform's outbound table: retries with backoff, then FAILED. A
 * resend (a failed call, or a sender killed mid-call) carries the same message id, on which the
 * provider deduplicates.
 */
@Component
class SmsSender extends OutboundSender<SmsRequest, Integer> {

    static final String PARTNER = "SMS-GATEWAY";
    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);

    private final SmsMessages messages;
    private final PartnerClient client;
    private final SmsProperties properties;

    SmsSender(Outbound outbound, SmsMessages messages, PartnerSecrets secrets, SmsProperties properties, Clock clock) {
        super(outbound, SmsMessages.OUTBOUND, properties.sender());
        this.messages = messages;
        this.client = new PartnerClient(secrets, properties.connectTimeout(), clock);
        this.properties = properties;
    }

    /** What the provider gets: our message id (its idempotency key), the number, the text. */
    record SmsBody(String messageId, String phone, String text) {
    }

    @Override
    protected String partner(SmsRequest request) {
        return PARTNER;
    }

    /** A round's numbers and texts, read at once and opened just before its calls, kept nowhere else in clear. */
    @Override
    protected List<SmsRequest> prepared(List<SmsRequest> requests) {
        return messages.withContents(requests);
    }

    @Override
    protected Callable<Integer> call(SmsRequest request) {
        SmsMessages.Content content = request.content();
        if (content == null) {
            throw new IllegalStateException("message " + request.notificationId() + " is gone");
        }
        String json = EventCodec.mapper().writeValueAsString(new SmsBody(request.messageId(), content.phone(),
                content.text()));
        return () -> {
            PartnerClient.Reply reply = client.post(PARTNER, URI.create(properties.url() + "/sms/messages"), json,
                    properties.readTimeout());
            if (!reply.successful()) {
                throw new PartnerAnswerException(reply.status());
            }
            return reply.status();
        };
    }

    @Override
    protected void answered(SmsRequest request, Integer status) {
        messages.sent(request.messageId());
        log.info("SMS {} taken by the provider", request.messageId());
    }

    @Override
    protected boolean givenUp(SmsRequest request, int attempts) {
        if (attempts < properties.maxAttempts()) {
            return false;
        }
        log.error("SMS {} not taken by the provider after {} attempts, given up", request.messageId(), attempts);
        messages.failed(request.messageId());
        return true;
    }
}
