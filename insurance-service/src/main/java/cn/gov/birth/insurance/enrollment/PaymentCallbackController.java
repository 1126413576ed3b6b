package cn.gov.birth.insurance.enrollment;

import static org.springframework.util.StringUtils.hasText;

import cn.gov.birth.insurance.enrollment.PaymentOrders.State;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tax channel's report on a payment order: {@code PAID} (with {@code paidAt}) or
 * {@code EXPIRED} (not paid by its last day), naming the order by its id or the channel's
 * reference. Repeating a report changes nothing; contradicting one is a 409. Only the channel may
 * report ({@link #PARTNER}, signed: README "Partners"); the answer names the order, never
 * the application.
 */
@RestController
public class PaymentCallbackController {

    public static final String PATH = "/api/v1/payment-callbacks";

    /** The channel's id as a partner: whose secret signs both ways. */
    public static final String PARTNER = "TAX-CHANNEL";

    private final Enrollments enrollments;

    PaymentCallbackController(Enrollments enrollments) {
        this.enrollments = enrollments;
    }

    record PaymentCallback(String orderId, String paymentReference, String status, OffsetDateTime paidAt) {
    }

    @PostMapping(PATH)
    Map<String, Object> report(@RequestBody PaymentCallback callback) {
        List<FieldError> errors = new ArrayList<>();
        if (!hasText(callback.orderId()) && !hasText(callback.paymentReference())) {
            errors.add(new FieldError("orderId", "REQUIRED", "须给出缴费单号 orderId 或缴费凭证号 paymentReference"));
        }
        if (!"PAID".equals(callback.status()) && !"EXPIRED".equals(callback.status())) {
            errors.add(new FieldError("status", "UNKNOWN_CODE", "status 应为 PAID 或 EXPIRED"));
        }
        if ("PAID".equals(callback.status()) && callback.paidAt() == null) {
            errors.add(new FieldError("paidAt", "REQUIRED", "已缴费须给出缴费时间 paidAt"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        var order = enrollments.onPayment(callback.orderId(), callback.paymentReference(),
                State.valueOf(callback.status()), callback.paidAt() == null ? null : callback.paidAt().toInstant());
        return Map.of("orderId", order.orderId(), "state", order.state());
    }
}
