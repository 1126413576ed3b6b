package cn.gov.birth.simulator;

import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import cn.gov.birth.security.PartnerSignature.Verdict;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * As a real bank or tax channel would: a request from the platform must be signed with the secret
 * this partner shares with it, recent, and not seen before; otherwise 401, and nothing happens.
 */
public class PartnerSignatureCheck implements StubRequestFilterV2 {

    private static final int REMEMBERED_NONCES = 100_000;
    private final PartnerSecrets secrets;
    private final Set<String> nonces = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED_NONCES;
                }
            }));

    /** As {@code --extensions} makes it: the secrets from the environment ({@link Partners}). */
    public PartnerSignatureCheck() {
        this(Partners.fromEnvironment());
    }

    public PartnerSignatureCheck(PartnerSecrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public String getName() {
        return "partner-signature-check";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String partner = Partners.of(request.getUrl());
        if (partner == null) {
            return RequestFilterAction.continueWith(request);
        }
        String claimed = request.getHeader(PartnerSignature.PARTNER);
        Verdict verdict = PartnerSignature.verify(claimed, request.getHeader(PartnerSignature.TIMESTAMP),
                request.getHeader(PartnerSignature.NONCE), request.getHeader(PartnerSignature.SIGNATURE),
                request.getBody(), partner.equals(claimed) ? secrets.of(partner).orElse(null) : null,
                Instant.now());
        String refusal = verdict != Verdict.VALID ? verdict.name()
                : nonces.add(partner + "|" + request.getHeader(PartnerSignature.NONCE)) ? null : "REPLAYED";
        if (refusal == null) {
            return RequestFilterAction.continueWith(request);
        }
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"SIGNATURE_REFUSED\",\"reason\":\"" + refusal + "\"}").build());
    }
}
