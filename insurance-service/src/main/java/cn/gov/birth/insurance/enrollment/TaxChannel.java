package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbound.PartnerAnswerException;
import cn.gov.birth.security.PartnerSecrets;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * The tax payment channel's HTTP API: a payment order in, its payment reference out. Requests are
 * signed as partner {@value #PARTNER}, and so must be the channel's reports.
 */
@Component
public class TaxChannel {

    /** The channel's id as a partner: whose secret signs both ways. */
    public static final String PARTNER = "TAX-CHANNEL";

    private final PartnerClient client;
    private final TaxChannelProperties properties;
    private final Environment environment;

    TaxChannel(TaxChannelProperties properties, PartnerSecrets secrets, Environment environment, Clock clock) {
        this.client = new PartnerClient(secrets, properties.connectTimeout(), clock);
        this.properties = properties;
        this.environment = environment;
    }

    /** What the channel gets: the order, the newborn it insures, and where to report; no application id. */
    record OrderRequest(String orderId, String citizenIdNumber, BigDecimal amount, LocalDate payBy,
                        String callbackUrl) {
    }

    record OrderIssued(String paymentReference) {
    }

    /**
     * Issues the order (again: the channel answers a known order id with the same reference).
     *
     * @throws IOException             the channel could not be reached or did not answer in time
     * @throws PartnerAnswerException  the channel did not take it: an error status, no reference
     */
    String issue(String orderId, String citizenIdNumber, BigDecimal amount, LocalDate payBy)
            throws IOException, InterruptedException {
        PartnerClient.Reply reply = client.post(PARTNER, URI.create(properties.url() + "/tax/payment-orders"),
                EventCodec.mapper().writeValueAsString(new OrderRequest(orderId, citizenIdNumber, amount, payBy,
                        callbackUrl())), properties.readTimeout());
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
    }

    private String callbackUrl() {
        if (properties.callbackUrl() != null && !properties.callbackUrl().isBlank()) {
            return properties.callbackUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8085"));
        return "http://127.0.0.1:" + port + PaymentCallbackController.PATH;
    }
}
