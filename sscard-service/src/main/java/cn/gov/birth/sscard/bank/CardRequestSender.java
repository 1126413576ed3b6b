package cn.gov.birth.sscard.bank;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.outbound.OutboundSender;
import cn.gov.birth.platform.outbound.PartnerAnswerException;
import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.sscard.card.CardApplications;
import cn.gov.birth.sscard.card.CardProperties;
import cn.gov.birth.sscard.reference.BankApi;
import cn.gov.birth.sscard.card.CardRequests;
import cn.gov.birth.sscard.card.CardRequests.CardRequest;
import cn.gov.birth.sscard.reference.CardBanks;
import cn.gov.birth.sscard.reference.CardBanks.Bank;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the recorded card requests to the banks' card-making interfaces
 * ({@code POST {cardApiUrl}/card-applications}), never inside a database transaction (the
 * platform's outbound sender): a request the bank took waits for its callback, and is sent again
 * without one by the callback timeout; the bank deduplicates on the request id, so a resend never
 * makes a second card. Each bank is an external system of its own, so each is a partner of its own
 * to the sender: its own circuit breaker, retry and bulkhead (instances {@code BANK-<CODE>} made from
 * the {@code bank} configuration in application.yml), so that one bank that is down or slow neither
 * stops nor starves the requests to the others.
 */
@Component
class CardRequestSender extends OutboundSender<CardRequest, PartnerClient.Reply> {

    private static final Logger log = LoggerFactory.getLogger(CardRequestSender.class);

    private final CardRequests requests;
    private final CardBanks banks;
    private final PartnerClient http;
    private final CardApplications cards;
    private final ItemOutcomes outcomes;
    private final CardProperties properties;
    private final BankApi bankApi;
    private final Clock clock;

    CardRequestSender(Outbound outbound, CardRequests requests, CardBanks banks, PartnerSecrets secrets,
                      CardApplications cards, ItemOutcomes outcomes, CardProperties properties, BankApi bankApi,
                      Clock clock) {
        super(outbound, requests.outbound(), properties.sender().outbound());
        this.requests = requests;
        this.banks = banks;
        this.http = new PartnerClient(secrets, bankApi.connectTimeout(), clock);
        this.cards = cards;
        this.outcomes = outcomes;
        this.properties = properties;
        this.bankApi = bankApi;
        this.clock = clock;
    }

    @Override
    protected String partner(CardRequest request) {
        return CardCallbacks.partner(request.bankCode());
    }

    @Override
    protected boolean wanted(CardRequest request) {
        if (!outcomes.hasFinished(request.applicationId(), Item.SOCIAL_SECURITY_CARD)) {
            return true;
        }
        if (CardRequests.PENDING.equals(request.state()) && request.attempts() == 1) {
            // Withdrawn before it was ever sent: the bank never hears of it.
            requests.cancelled(request.requestId(), clock.instant());
        } else {
            // The bank may have it (taken, or a call that timed out): it is not sent again,
            // but stays live, so no second card is asked for this person; a callback still counts.
            park(request.requestId());
        }
        return false;
    }

    /**
     * Submits the card-making data. The answer is the bank's when it took the request or refused
     * its data (400, 422); anything else throws.
     */
    @Override
    protected Callable<PartnerClient.Reply> call(CardRequest request) {
        Bank target = banks.find(request.region(), request.bankCode()).orElseThrow(() -> new IllegalStateException(
                "bank " + request.bankCode() + " not in the reference data of " + request.region()));
        if (!bankApi.allows(target.cardApiUrl())) {
            // Imported when the allow-list said otherwise: card data goes only where the province allows now.
            throw new IllegalStateException(
                    "the card-making interface of " + request.bankCode() + " is not in CARD_BANK_ALLOWED_URLS");
        }
        ObjectNode body = (ObjectNode) EventCodec.mapper().readTree(request.payload());
        body.put("callbackUrl", properties.callbackUrl());
        String json = EventCodec.mapper().writeValueAsString(body);
        return () -> {
            PartnerClient.Reply reply = http.post(partner(request),
                    URI.create(target.cardApiUrl() + "/card-applications"), json, bankApi.timeout());
            // Only a refusal of the data itself (400, 422) is the applicant's to correct; anything else that is
            // not an acceptance (busy, unauthorized, a wrong address, a timeout) is the bank's or ours: try again.
            if (!accepted(reply) && reply.status() != 400 && reply.status() != 422) {
                throw new PartnerAnswerException(reply.status());
            }
            return reply;
        };
    }

    @Override
    protected void answered(CardRequest request, PartnerClient.Reply reply) {
        if (accepted(reply) || CardRequests.SENT.equals(request.state())) {
            // A refused resend does not undo that the bank took the request before (no second card after
            // a supplement): its callback decides.
            Instant now = clock.instant();
            requests.sent(request.requestId(), now, now.plus(properties.sender().callbackTimeout()));
            log.info("Card request {} {} by {} (HTTP {}, attempt {})", request.requestId(),
                    accepted(reply) ? "accepted" : "resent, refused, waiting for its callback,", request.bankCode(),
                    reply.status(), request.attempts());
            return;
        }
        log.warn("Card request {} refused by {}: HTTP {}", request.requestId(), request.bankCode(), reply.status());
        cards.onBankResult(request.requestId(), request.bankCode(), false, null,
                "银行拒收制卡数据（HTTP " + reply.status() + "）");
    }

    /** The bank took the request: 2xx, or 409 (it already has that request id). */
    private static boolean accepted(PartnerClient.Reply reply) {
        return reply.successful() || reply.status() == 409;
    }
}
