package cn.gov.birth.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The secret shared with each partner: from configuration ({@code PARTNER_SECRETS}:
 * {@code TAX-CHANNEL=<base64>,BANK-ICBC=<base64>}), or, for local runs, derived from one local
 * master secret ({@code HMAC(master, "partner:" + id)}), so the services and the simulator agree
 * on every partner's secret without a list to keep in step.
 */
public final class PartnerSecrets {

    private static final int MIN_BYTES = 32;

    private final Map<String, byte[]> configured;
    private final byte[] devMaster;

    private PartnerSecrets(Map<String, byte[]> configured, byte[] devMaster) {
        this.configured = Map.copyOf(configured);
        this.devMaster = devMaster;
    }

    /** {@code configured}: {@code ID=base64,ID=base64}, blank for none; {@code devMaster}: null outside local runs. */
    public static PartnerSecrets of(String configured, byte[] devMaster) {
        Map<String, byte[]> secrets = new HashMap<>();
        if (configured != null && !configured.isBlank()) {
            for (String entry : configured.split(",")) {
                int eq = entry.indexOf('=');
                String partner = eq < 0 ? "" : entry.substring(0, eq).trim();
                if (!partner.matches(PartnerSignature.PARTNER_PATTERN)) {
                    throw new IllegalArgumentException("PARTNER_SECRETS: an entry is not PARTNER-ID=base64-secret");
                }
                byte[] secret;
                try {
                    secret = Base64.getDecoder().decode(entry.substring(eq + 1).trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("PARTNER_SECRETS: the secret of " + partner + " is not base64");
                }
                if (secret.length < MIN_BYTES) {
                    throw new IllegalArgumentException("PARTNER_SECRETS: the secret of " + partner
                            + " has fewer than " + MIN_BYTES + " bytes");
                }
                secrets.put(partner, secret);
            }
        }
        return new PartnerSecrets(secrets, devMaster);
    }

    public Optional<byte[]> of(String partner) {
        byte[] secret = configured.get(partner);
        if (secret != null) {
            return Optional.of(secret);
        }
        if (devMaster == null) {
            return Optional.empty();
        }
        return Optional.of(PartnerSignature.hmac(devMaster, ("partner:" + partner)
                .getBytes(StandardCharsets.UTF_8)));
    }
}
