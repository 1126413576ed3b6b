package cn.gov.birth.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * A keyed, one-way index of an identifier (HMAC-SHA256 with a secret from configuration, never a
 * plain hash: an 18-character ID number has few enough values to be hashed exhaustively). Equal
 * identifiers give equal indexes, so a record can be found by an ID number without storing it.
 */
public final class BlindIndex {

    private static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    public BlindIndex(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a blind index key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    /** The index of a resident ID number (case of the check character ignored); null for null. */
    public String idNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        byte[] mac = PartnerSignature.hmac(key, ("id:" + idNumber.trim().toUpperCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }
}
