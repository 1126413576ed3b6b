package cn.gov.birth.simulator;

import cn.gov.birth.security.LocalSecrets;
import cn.gov.birth.security.PartnerSecrets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which partner the simulator plays for a path, and the secrets it shares with the platform: the
 * same as the services' ({@code PARTNER_SECRETS}, or derived from the local master secret in
 * {@code DEV_KEYS_DIR}, {@code .run/dev-keys} by default).
 */
final class Partners {

    private static final Pattern BANK = Pattern.compile("/bank/([A-Z0-9]+)/.*");
    static final String TAX_CHANNEL = "TAX-CHANNEL";
    static final String SMS_GATEWAY = "SMS-GATEWAY";

    /**
     * The partner a request to this path is for:
     * {@code BANK-<code>}, {@code TAX-CHANNEL}, {@code SMS-GATEWAY}, or null.
     */
    static String of(String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Matcher bank = BANK.matcher(path);
        if (bank.matches()) {
            return "BANK-" + bank.group(1);
        }
        if (path.startsWith("/sms/")) {
            return SMS_GATEWAY;
        }
        return path.startsWith("/tax/") ? TAX_CHANNEL : null;
    }

    /** The secrets of a simulator started as a program: from its environment. */
    static PartnerSecrets fromEnvironment() {
        String dir = System.getenv().getOrDefault("DEV_KEYS_DIR", ".run/dev-keys");
        return PartnerSecrets.of(System.getenv("PARTNER_SECRETS"),
                LocalSecrets.secret(Path.of(dir), LocalSecrets.PARTNER_MASTER));
    }

    private Partners() {
    }
}
