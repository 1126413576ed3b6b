package cn.gov.birth.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * A master key from configuration (32 bytes, AES-256-GCM): wraps data keys with the data key's id as
 * associated data, so a wrapped key cannot be passed off as another one.
 */
public final class MasterKey implements KeyWrapper {

    private static final int KEY_BYTES = Algorithm.AES_256_GCM.keyBytes();

    private final String id;
    private final SecretKey key;

    public MasterKey(String id, byte[] key) {
        this.id = KeyIds.check(id, "master key id");
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("master key '" + id + "' needs " + KEY_BYTES + " bytes (AES-256), not "
                    + (key == null ? "none" : key.length));
        }
        this.key = Algorithm.AES_256_GCM.key(key);
    }

    /** A master key given as base64 text, as configuration holds it. */
    public static MasterKey fromBase64(String id, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("master key '" + id + "' is not set");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master key '" + id + "' is not base64");
        }
        return new MasterKey(id, raw);
    }

    @Override
    public byte[] wrap(byte[] dataKey, String keyId) {
        return Algorithm.AES_256_GCM.seal(key, dataKey, aad(keyId));
    }

    @Override
    public byte[] unwrap(byte[] wrapped, String keyId) {
        try {
            return Algorithm.AES_256_GCM.open(key, wrapped, aad(keyId));
        } catch (AEADBadTagException e) {
            throw new FieldCryptoException("data key '" + keyId + "' does not unwrap under master key '" + id
                    + "': another master key wrapped it, or it was altered");
        }
    }

    @Override
    public String id() {
        return id;
    }

    private static byte[] aad(String keyId) {
        return KeyIds.check(keyId, "data key id").getBytes(StandardCharsets.US_ASCII);
    }
}
