package cn.gov.birth.sscard.bank;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.outbound.OutboundSender;
import cn.gov.birth.sscard.card.CardApplications;
import cn.gov.birth.sscard.card.CardProperties;
import cn.gov.birth.sscard.reference.BankApi;
import cn.gov.birth.sscard.card.CardRequests;
import cn.gov.birth.sscard.card.CardRequests.CardRequest;
import cn.gov.birth.sscard.reference.CardBanks;
import cn.gov.birth.sscard.reference.CardBanks.Bank;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the recorded card requests to the banks, never inside a database transaction (the
 * platform's outbound sender): a request the bank took waits for its callback, and is sent again
 * without one by the callback timeout; the bank deduplicates on the request id, so a resend never
 * makes a second card.
 */
@Component
class CardRequestSender extends OutboundSender<CardRequest, BankClient.Reply> {

    private static final Logger log = LoggerFactory.getLogger(CardRequestSender.class);

    private final CardRequests requests;
    private final CardBanks banks;
    private final BankClient bank;
    private final CardApplications cards;
    private final ItemOutcomes outcomes;
    private final CardProperties properties;
    private final BankApi bankApi;
    private final Clock clock;

    CardRequestSender(Outbound outbound, CardRequests requests, CardBanks banks, BankClient bank,
                      CardApplications cards, ItemOutcomes outcomes, CardProperties properties, BankApi bankApi,
                      Clock clock) {
        super(outbound, CardRequests.OUTBOUND, properties.sender().outbound());
        this.requests = requests;
        this.banks = banks;
        this.bank = bank;
        this.cards = cards;
        this.outcomes = outcomes;
        this.properties = properties;
        this.bankApi = bankApi;
        this.clock = clock;
    }

    @Override
    protected String partner(CardRequest request) {
        return BankClient.partner(request.bankCode());
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

    @Override
    protected Callable<BankClient.Reply> call(CardRequest request) {
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
        return () -> bank.submit(request.bankCode(), target.cardApiUrl(), json);
    }

    @Override
    protected void answered(CardRequest request, BankClient.Reply reply) {
        if (reply.accepted() || CardRequests.SENT.equals(request.state())) {
            // A refused resend does not undo that the bank took the request before (no second card after
            // a supplement): its callback decides.
            Instant now = clock.instant();
            requests.sent(request.requestId(), now, now.plus(properties.sender().callbackTimeout()));
            log.info("Card request {} {} by {} (HTTP {}, attempt {})", request.requestId(),
                    reply.accepted() ? "accepted" : "resent, refused, waiting for its callback,", request.bankCode(),
                    reply.status(), request.attempts());
            return;
        }
        log.warn("Card request {} refused by {}: HTTP {}", request.requestId(), request.bankCode(), reply.status());
        cards.onBankResult(request.requestId(), request.bankCode(), false, null,
                "银行拒收制卡数据（HTTP " + reply.status() + "）");
    }
}
