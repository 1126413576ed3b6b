package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.insurance.enrollment.PaymentOrders.PaymentOrder;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends recorded payment orders to the tax channel, outside the transaction that recorded them:
 * bounded retries with exponential backoff, then staff. A send that crashed is sent again once its
 * backoff passed; the channel dedupes on the order id, so that is harmless.
 */
@Component
class PaymentOrderSender {

    private static final Logger log = LoggerFactory.getLogger(PaymentOrderSender.class);

    private final PaymentOrders orders;
    private final Enrollments enrollments;
    private final TaxChannel channel;
    private final TaxChannelProperties properties;

    PaymentOrderSender(PaymentOrders orders, Enrollments enrollments, TaxChannel channel,
                       TaxChannelProperties properties) {
        this.orders = orders;
        this.enrollments = enrollments;
        this.channel = channel;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${birth.insurance.tax-channel.poll-interval:PT1S}")
    void sendDue() {
        for (PaymentOrder order : orders.claim(properties.batchSize(), properties.initialBackoff().toMillis(),
                properties.maxBackoff().toMillis())) {
            send(order);
        }
    }

    /** What went wrong, without the channel's answer body, which may echo the payer's data. */
    private static String describe(RestClientException e) {
        return e instanceof RestClientResponseException answer ? "HTTP " + answer.getStatusCode().value()
                : e.getClass().getSimpleName();
    }

    private void send(PaymentOrder order) {
        String reference;
        try {
            reference = channel.issue(order.orderId(), order.citizenIdNumber(),
                    order.amount(), order.payBy());
        } catch (RestClientException e) {
            if (order.state() == PaymentOrders.State.ISSUED) {
                log.warn("Payment order {} not re-checked at the tax channel (attempt {}), again later: {}",
                        order.orderId(), order.sendAttempts(), describe(e));
            } else if (order.sendAttempts() >= properties.maxAttempts()) {
                log.error("Payment order {} not taken by the tax channel after {} attempts, to staff: {}",
                        order.orderId(), order.sendAttempts(), describe(e));
                enrollments.sendFailed(order.orderId());
            } else {
                log.warn("Payment order {} not taken by the tax channel (attempt {}), retrying: {}",
                        order.orderId(), order.sendAttempts(), describe(e));
            }
            return;
        }
        enrollments.issued(order.orderId(), reference, Instant.now().plus(properties.recheckAfter()));
        log.info("Payment order {} issued as {}", order.orderId(), reference);
    }
}
