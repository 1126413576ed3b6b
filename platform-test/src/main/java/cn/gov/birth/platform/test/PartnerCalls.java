package cn.gov.birth.platform.test;

import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.PartnerSecrets;
import cn.gov.birth.security.PartnerSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Signature headers a partner (a bank, the tax channel) puts on a callback, for tests that play the partner. */
public final class PartnerCalls {

    private static final PartnerSecrets SECRETS = PartnerSecrets.of(null,
            LocalSecrets.secret(Tokens.DIR, LocalSecrets.PARTNER_MASTER));

    /** The secrets the tests share with the service under test, for stand-ins that play a partner. */
    public static PartnerSecrets secrets() {
        return SECRETS;
    }

    /** The headers, name and value in turn, as {@link JsonHttp#post(String, String, String...)} takes them. */
    public static String[] signed(String partner, String body) {
        return signedAt(partner, body, Instant.now());
    }

    public static String[] signedAt(String partner, String body, Instant at) {
        List<String> headers = new ArrayList<>();
        PartnerSignature.headers(partner, SECRETS.of(partner).orElseThrow(), body.getBytes(StandardCharsets.UTF_8), at)
                .forEach((name, value) -> {
                    headers.add(name);
                    headers.add(value);
                });
        return headers.toArray(String[]::new);
    }

    private PartnerCalls() {
    }
}
