package cn.gov.birth.insurance.enrollment;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The tax payment channel's HTTP API: a payment order in, its payment reference out. */
@Component
class TaxChannel {

    private final RestClient client;
    private final TaxChannelProperties properties;
    private final Environment environment;

    TaxChannel(TaxChannelProperties properties, Environment environment) {
        // HTTP/1.1: the JDK client's h2c upgrade on plain http loses the body at some servers.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.connectTimeout()).build());
        requests.setReadTimeout(properties.readTimeout());
        this.client = RestClient.builder().baseUrl(properties.url()).requestFactory(requests).build();
        this.properties = properties;
        this.environment = environment;
    }

    record OrderRequest(String orderId, UUID applicationId, String citizenIdNumber, BigDecimal amount,
                        LocalDate payBy, String callbackUrl) {
    }

    record OrderIssued(String paymentReference) {
    }

    /**
     * Issues the order (again: the channel answers a known order id with the same reference).
     *
     * @throws RestClientException the channel did not take it: unreachable, an error status, no reference
     */
    String issue(String orderId, UUID applicationId, String citizenIdNumber, BigDecimal amount, LocalDate payBy) {
        OrderIssued issued = client.post().uri("/tax/payment-orders")
                .body(new OrderRequest(orderId, applicationId, citizenIdNumber, amount, payBy, callbackUrl()))
                .retrieve()
                .body(OrderIssued.class);
        if (issued == null || issued.paymentReference() == null || issued.paymentReference().isBlank()) {
            throw new RestClientException("the tax channel answered without a payment reference");
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
