package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.insurance.enrollment.PaymentOrders.PaymentOrder;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.outbound.OutboundSender;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends recorded payment orders to the tax channel, outside the transaction that recorded them:
 * retries with backoff, then staff. Issued orders whose report is overdue are sent again too: the
 * channel dedupes on the order id, answers with the same reference and reports again.
 */
@Component
class PaymentOrderSender extends OutboundSender<PaymentOrder, String> {

    private static final Logger log = LoggerFactory.getLogger(PaymentOrderSender.class);

    private final Enrollments enrollments;
    private final TaxChannel channel;
    private final int maxAttempts;
    private final Duration recheckAfter;
    private final ItemOutcomes outcomes;

    PaymentOrderSender(Outbound outbound, Enrollments enrollments, TaxChannel channel, ItemOutcomes outcomes,
                       TaxChannelProperties properties) {
        super(outbound, PaymentOrders.OUTBOUND, properties.sender());
        this.enrollments = enrollments;
        this.channel = channel;
        this.maxAttempts = properties.maxAttempts();
        this.recheckAfter = properties.recheckAfter();
        this.outcomes = outcomes;
    }

    @Override
    protected String partner(PaymentOrder order) {
        return TaxChannel.PARTNER;
    }

    /** The orders of items that finished meanwhile (withdrawn) are not sent. */
    @Override
    protected boolean wanted(PaymentOrder order) {
        boolean finished = outcomes.hasFinished(order.applicationId(), Item.MEDICAL_INSURANCE);
        if (finished) {
            park(order.orderId());
        }
        return !finished;
    }

    @Override
    protected Callable<String> call(PaymentOrder order) {
        return () -> channel.issue(order.orderId(), order.citizenIdNumber(), order.amount(), order.payBy());
    }

    @Override
    protected void answered(PaymentOrder order, String reference) {
        enrollments.issued(order.orderId(), reference, Instant.now().plus(recheckAfter));
        log.info("Payment order {} issued as {}", order.orderId(), reference);
    }

    /** A new order the channel did not take within the attempts goes to staff; an issued one is asked again. */
    @Override
    protected boolean givenUp(PaymentOrder order, int attempts) {
        if (order.state() == PaymentOrders.State.ISSUED || attempts < maxAttempts) {
            return false;
        }
        log.error("Payment order {} not taken by the tax channel after {} attempts, to staff", order.orderId(),
                attempts);
        enrollments.sendFailed(order.orderId());
        return true;
    }
}
