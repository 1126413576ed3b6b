package cn.gov.birth.sscard.bank;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.sscard.card.CardApplications;
import cn.gov.birth.sscard.card.CardProperties;
import cn.gov.birth.sscard.card.CardRequests;
import cn.gov.birth.sscard.card.CardRequests.CardRequest;
import cn.gov.birth.sscard.reference.CardBanks;
import cn.gov.birth.sscard.reference.CardBanks.Bank;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the recorded card requests to the banks, never inside a database transaction: a short
 * transaction claims due requests ({@code FOR UPDATE SKIP LOCKED}, so instances never send the
 * same request at the same time), the calls run after it, and each outcome is written on its own.
 * A sender that dies leaves its claims to be sent again when their lease ends: the bank
 * deduplicates on the request id, so a resend never makes a second card.
 */
@Component
class CardRequestSender {

    private static final Logger log = LoggerFactory.getLogger(CardRequestSender.class);

    private final CardRequests requests;
    private final CardBanks banks;
    private final BankClient bank;
    private final CardApplications cards;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final CardProperties.Sender settings;
    private final CardProperties.BankApi bankApi;
    private final String callbackUrl;
    private final Clock clock;

    CardRequestSender(CardRequests requests, CardBanks banks, BankClient bank, CardApplications cards, Outbox outbox,
                      TransactionTemplate transactions, CardProperties properties, Clock clock) {
        this.requests = requests;
        this.banks = banks;
        this.bank = bank;
        this.cards = cards;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = properties.sender();
        this.bankApi = properties.bankApi();
        this.callbackUrl = properties.callbackUrl();
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${birth.card.sender.poll-interval}")
    void sendDue() {
        List<CardRequest> due = transactions.execute(status -> claim());
        if (due == null || due.isEmpty()) {
            return;
        }
        // Each call waits on its bank; virtual threads keep slow banks from holding up the others
        // (each bank's bulkhead bounds how many calls it gets at once).
        try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
            due.forEach(request -> calls.submit(() -> send(request)));
        }
    }

    private List<CardRequest> claim() {
        Instant now = clock.instant();
        return requests.claimDue(settings.batchSize(), now, now.plus(settings.lease())).stream()
                .filter(request -> {
                    if (!outbox.hasFinished(request.applicationId(), Item.SOCIAL_SECURITY_CARD)) {
                        return true;
                    }
                    if (CardRequests.PENDING.equals(request.state()) && request.attempts() == 1) {
                        // Withdrawn before it was ever sent: the bank never hears of it.
                        requests.cancelled(request.requestId(), now);
                    } else {
                        // The bank may have it (taken, or a call that timed out): it is not sent again,
                        // but stays live, so no second card is asked for this person; a callback still counts.
                        requests.parked(request.requestId());
                    }
                    return false;
                })
                .toList();
    }

    private void send(CardRequest request) {
        Optional<Bank> target = banks.find(request.region(), request.bankCode());
        if (target.isEmpty()) {
            later(request, "bank " + request.bankCode() + " not in the reference data of " + request.region());
            return;
        }
        if (!bankApi.allows(target.get().cardApiUrl())) {
            // Imported when the allow-list said otherwise: card data goes only where the province allows now.
            later(request, "the card-making interface of " + request.bankCode() + " is not in CARD_BANK_ALLOWED_URLS");
            return;
        }
        try {
            BankClient.Reply reply = bank.submit(request.bankCode(), target.get().cardApiUrl(), withCallback(request));
            if (reply.accepted()) {
                Instant now = clock.instant();
                requests.sent(request.requestId(), now, now.plus(settings.callbackTimeout()));
                log.info("Card request {} accepted by {} (HTTP {}, attempt {})", request.requestId(),
                        request.bankCode(), reply.status(), request.attempts());
            } else if (CardRequests.SENT.equals(request.state())) {
                // The bank took this request before: a refusal of the resend does not undo that (no second card
                // after a supplement); its callback decides.
                Instant now = clock.instant();
                requests.sent(request.requestId(), now, now.plus(settings.callbackTimeout()));
                log.warn("Resent card request {} refused by {} (HTTP {}); waiting for its callback",
                        request.requestId(), request.bankCode(), reply.status());
            } else {
                log.warn("Card request {} refused by {}: HTTP {}", request.requestId(), request.bankCode(),
                        reply.status());
                cards.onBankResult(request.requestId(), request.bankCode(), false, null,
                        "银行拒收制卡数据（HTTP " + reply.status() + "）");
            }
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            later(request, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String withCallback(CardRequest request) {
        ObjectNode body = (ObjectNode) EventCodec.mapper().readTree(request.payload());
        body.put("callbackUrl", callbackUrl);
        return EventCodec.mapper().writeValueAsString(body);
    }

    private void later(CardRequest request, String error) {
        Instant when = clock.instant().plus(settings.backoff(request.attempts()));
        requests.retryAt(request.requestId(), when, error);
        log.warn("Card request {} to {} not delivered (attempt {}), again at {}: {}", request.requestId(),
                request.bankCode(), request.attempts(), when, error);
    }
}
