package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.insurance.enrollment.PaymentOrders.PaymentOrder;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.outbound.OutboundSender;
import cn.gov.birth.platform.outbound.PartnerAnswerException;
import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.security.PartnerSecrets;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Sends recorded payment orders to the tax channel's HTTP API ({@code POST {url}/tax/payment-orders}:
 * the order in, its payment reference out), outside the transaction that recorded them: retries
 * with backoff, then staff. Issued orders whose report is overdue are sent again too: the channel
 * dedupes on the order id, answers with the same reference and reports again.
 */
@Component
class PaymentOrderSender extends OutboundSender<PaymentOrder, String> {

    private static final Logger log = LoggerFactory.getLogger(PaymentOrderSender.class);

    private final Enrollments enrollments;
    private final PartnerClient client;
    private final TaxChannelProperties properties;
    private final Environment environment;
    private final ItemOutcomes outcomes;

    PaymentOrderSender(Outbound outbound, Enrollments enrollments, PartnerSecrets secrets, Environment environment,
                       ItemOutcomes outcomes, TaxChannelProperties properties, ColumnProtection protection,
                       Clock clock) {
        super(outbound, PaymentOrders.outbound(protection), properties.sender());
        this.enrollments = enrollments;
        this.client = new PartnerClient(secrets, properties.connectTimeout(), clock);
        this.properties = properties;
        this.environment = environment;
        this.outcomes = outcomes;
    }

    /** What the channel gets: the order, the newborn it insures, and where to report; no application id. */
    record OrderRequest(String orderId, String citizenIdNumber, BigDecimal amount, LocalDate payBy,
                        String callbackUrl) {
    }

    record OrderIssued(String paymentReference) {
    }

    @Override
    protected String partner(PaymentOrder order) {
        return PaymentCallbackController.PARTNER;
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

    /** The call throws when the channel did not take the order (an error status, no reference). */
    @Override
    protected Callable<String> call(PaymentOrder order) {
        String json = EventCodec.mapper().writeValueAsString(new OrderRequest(order.orderId(),
                order.citizenIdNumber(), order.amount(), order.payBy(), callbackUrl()));
        return () -> {
            PartnerClient.Reply reply = client.post(PaymentCallbackController.PARTNER,
                    URI.create(properties.url() + "/tax/payment-orders"), json, properties.readTimeout());
            if (!reply.successful()) {
                throw new PartnerAnswerException(reply.status());
            }
            OrderIssued issued;
            try {
                issued = EventCodec.mapper().readValue(reply.body(), OrderIssued.class);
            } catch (JacksonException e) {
                throw new PartnerAnswerException("the tax channel answered without JSON");
            }
            if (issued == null || issued.paymentReference() == null || issued.paymentReference().isBlank()) {
                throw new PartnerAnswerException("the tax channel answered without a payment reference");
            }
            return issued.paymentReference();
        };
    }

    @Override
    protected void answered(PaymentOrder order, String reference) {
        enrollments.issued(order.orderId(), reference, Instant.now().plus(properties.recheckAfter()));
        log.info("Payment order {} issued as {}", order.orderId(), reference);
    }

    /** A new order the channel did not take within the attempts goes to staff; an issued one is asked again. */
    @Override
    protected boolean givenUp(PaymentOrder order, int attempts) {
        if (order.state() == PaymentOrders.State.ISSUED || attempts < properties.maxAttempts()) {
            return false;
        }
        log.error("Payment order {} not taken by the tax channel after {} attempts, to staff", order.orderId(),
                attempts);
        enrollments.sendFailed(order.orderId());
        return true;
    }

    private String callbackUrl() {
        if (properties.callbackUrl() != null && !properties.callbackUrl().isBlank()) {
            return properties.callbackUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8085"));
        return "http://127.0.0.1:" + port + PaymentCallbackController.PATH;
    }
}
