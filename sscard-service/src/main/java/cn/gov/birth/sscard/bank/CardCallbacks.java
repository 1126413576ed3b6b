package cn.gov.birth.sscard.bank;

import cn.gov.birth.platform.security.Partner;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.sscard.card.CardApplications;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a bank reports a card request's outcome: {@code {requestId, status: MADE|FAILED,
 * cardNumber, reason}}, signed as that bank ({@code BANK-<code>}: README "Partners"). A bank
 * reports only on the requests sent to it: any other request id is unknown to it (404).
 * Idempotent: a report on a request already closed changes nothing and answers its state, so a
 * bank may repeat it safely.
 */
@RestController
public class CardCallbacks {

    /** Banks' partner ids are their codes after this. */
    public static final String PARTNER_PREFIX = "BANK-";

    private static final int MAX_REASON = 200;

    private final CardApplications cards;

    CardCallbacks(CardApplications cards) {
        this.cards = cards;
    }

    /** A bank's id as a partner ({@code BANK-ICBC}): whose secret signs our requests and its callbacks. */
    static String partner(String bankCode) {
        return PARTNER_PREFIX + bankCode;
    }

    record BankCallback(String requestId, String status, String cardNumber, String reason) {
    }

    public static final String PATH = "/api/v1/card-callbacks";

    @PostMapping(PATH)
    Map<String, Object> callback(@RequestBody BankCallback callback, Partner bank) {
        List<FieldError> errors = new ArrayList<>();
        UUID requestId = null;
        try {
            requestId = callback.requestId() == null ? null : UUID.fromString(callback.requestId());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (requestId == null) {
            errors.add(new FieldError("requestId", "INVALID_FORMAT", "requestId 应为制卡申请的 UUID"));
        }
        boolean made = "MADE".equals(callback.status());
        if (!made && !"FAILED".equals(callback.status())) {
            errors.add(new FieldError("status", "UNKNOWN_CODE", "status 应为 MADE 或 FAILED"));
        }
        if (made && (callback.cardNumber() == null || !callback.cardNumber().matches("[A-Z0-9]{6,30}"))) {
            errors.add(new FieldError("cardNumber", "INVALID_FORMAT", "制卡成功须给出卡号（6至30位大写字母或数字）"));
        }
        if (callback.reason() != null && callback.reason().length() > MAX_REASON) {
            errors.add(new FieldError("reason", "TOO_LONG", "reason 不超过" + MAX_REASON + "个字符"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = requestId;
        String bankCode = bank.id().substring(PARTNER_PREFIX.length());
        String state = cards.onBankResult(id, bankCode, made, callback.cardNumber(), callback.reason())
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Unknown card request",
                        "No card request " + id + " was sent to " + bankCode + "."));
        return Map.of("requestId", id.toString(), "state", state);
    }
}
