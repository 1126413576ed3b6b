package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The applicant has a payment to make before the item can complete (the resident medical
 * insurance contribution through the tax payment channel): the amount, the payment order's
 * reference and the last day. Not final: the channel's confirmation completes the item.
 */
public record PaymentRequested(UUID eventId, UUID applicationId, Instant occurredAt, Item item, BigDecimal amount,
                               String paymentReference, LocalDate payBy) implements ItemNotCompleted {

    @Override
    public String reasonCode() {
        return "PAYMENT_DUE";
    }

    @Override
    public String message() {
        return "请于%s前缴纳%s元（缴费单号 %s）".formatted(payBy, amount.toPlainString(), paymentReference);
    }
}
