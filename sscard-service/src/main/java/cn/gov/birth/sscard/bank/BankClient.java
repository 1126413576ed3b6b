package cn.gov.birth.sscard.bank;

import cn.gov.birth.platform.outbound.PartnerAnswerException;
import cn.gov.birth.platform.security.PartnerClient;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.sscard.reference.BankApi;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The banks' card-making interface ({@code POST {cardApiUrl}/card-applications}). Each bank is an
 * external system of its own, so each is a partner of its own to the sender: its own circuit
 * breaker, retry and bulkhead (instances {@code BANK-<CODE>} made from the {@code bank}
 * configuration in application.yml), so that one bank that is down or slow neither stops nor
 * starves the requests to the others.
 */
@Component
public class BankClient {

    /** Banks' partner ids are their codes after this. */
    public static final String PARTNER_PREFIX = "BANK-";

    private final PartnerClient http;
    private final Duration timeout;

    BankClient(BankApi bankApi, PartnerSecrets secrets, Clock clock) {
        this.http = new PartnerClient(secrets, bankApi.connectTimeout(), clock);
        this.timeout = bankApi.timeout();
    }

    /** A bank's id as a partner ({@code BANK-ICBC}): whose secret signs our requests and its callbacks. */
    public static String partner(String bankCode) {
        return PARTNER_PREFIX + bankCode;
    }

    /** How the bank answered a request it received. */
    public record Reply(boolean accepted, int status, String body) {
    }

    /**
     * Submits the card-making data. Returns the bank's answer when it took the request (2xx, or
     * 409: it already has that request id) or refused its data (400, 422).
     *
     * @throws PartnerAnswerException it answered anything else
     * @throws IOException            it could not be reached or did not answer in time
     */
    Reply submit(String bankCode, String cardApiUrl, String body) throws IOException, InterruptedException {
        PartnerClient.Reply response = http.post(partner(bankCode), URI.create(cardApiUrl + "/card-applications"),
                body, timeout);
        int status = response.status();
        // Only a refusal of the data itself (400, 422) is the applicant's to correct; anything else that is
        // not an acceptance (busy, unauthorized, a wrong address, a timeout) is the bank's or ours: try again.
        if (status / 100 != 2 && status != 409 && status != 400 && status != 422) {
            throw new PartnerAnswerException(status);
        }
        return new Reply(status / 100 == 2 || status == 409, status, response.body());
    }
}
