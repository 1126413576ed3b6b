package cn.gov.birth.security.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * Encrypts personal data (ID numbers, phone numbers, bank accounts, addresses) for storage, one
 * field at a time, as text that names its format version and data key:
 * {@code ENC1:<key id>:<base64url(nonce || ciphertext || tag)>}. A value may be bound to its place
 * (such as {@code "application.form"}) so that it does not decrypt when copied to another column.
 * Equal values encrypt differently each time: look them up through a blind index instead.
 */
public final class FieldCipher {

    /** What every cipher text of this format starts with. */
    public static final String PREFIX = "ENC1:";
    private static final int MAX_KEY_ID = 64;
    private static final String NO_PLACE = "";

    private final Keyring keyring;

    public FieldCipher(Keyring keyring) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** {@code plaintext} encrypted under the active data key; null for null. */
    public String encrypt(String plaintext) {
        return encrypt(plaintext, NO_PLACE);
    }

    /** {@code plaintext} encrypted under the active data key and bound to {@code place}; null for null. */
    public String encrypt(String plaintext, String place) {
        Objects.requireNonNull(place, "place");
        if (plaintext == null) {
            return null;
        }
        Keyring.Key key = keyring.active();
        byte[] sealed = key.algorithm().seal(key.secret(), plaintext.getBytes(StandardCharsets.UTF_8),
                aad(key.id(), place));
        return PREFIX + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /**
     * The plaintext of a cipher text made without a place; null for null.
     *
     * @throws FieldCryptoException when it is malformed, its key is unknown, or it was altered
     */
    public String decrypt(String cipherText) {
        return decrypt(cipherText, NO_PLACE);
    }

    /**
     * The plaintext of a cipher text bound to {@code place}; null for null.
     *
     * @throws FieldCryptoException when it is malformed, its key is unknown, it was altered, or it
     *         was bound to another place
     */
    public String decrypt(String cipherText, String place) {
        Objects.requireNonNull(place, "place");
        if (cipherText == null) {
            return null;
        }
        Parts text = parse(cipherText);
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(text.body());
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        Keyring.Key key = keyring.key(text.keyId());
        try {
            return new String(key.algorithm().open(key.secret(), sealed, aad(key.id(), place)), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new FieldCryptoException("a cipher text under data key '" + key.id()
                    + "' does not decrypt: it was altered, or it belongs to another place than '" + place + "'");
        }
    }

    /** Whether {@code text} has the form of a cipher text of this format (which says nothing of its key). */
    public boolean isEncrypted(String text) {
        return text != null && parts(text) != null;
    }

    /**
     * Whether a cipher text is under another key than the active one, so that a rotation should
     * {@link #reencrypt} it; false for null.
     *
     * @throws FieldCryptoException when {@code cipherText} is not a cipher text (a value left in the clear)
     */
    public boolean needsReencryption(String cipherText) {
        return cipherText != null && !parse(cipherText).keyId().equals(keyring.activeId());
    }

    /** {@link #reencrypt(String, String)} of a cipher text made without a place. */
    public String reencrypt(String cipherText) {
        return reencrypt(cipherText, NO_PLACE);
    }

    /**
     * A cipher text bound to {@code place} encrypted again under the active key; itself when it
     * already is under it, null for null.
     *
     * @throws FieldCryptoException as {@link #decrypt(String, String)}
     */
    public String reencrypt(String cipherText, String place) {
        return needsReencryption(cipherText) ? encrypt(decrypt(cipherText, place), place) : cipherText;
    }

    /** A cipher text's key id and base64url body. */
    private record Parts(String keyId, String body) {
    }

    private static Parts parse(String cipherText) {
        Parts parts = parts(cipherText);
        if (parts == null) {
            throw malformed();
        }
        return parts;
    }

    /**
     * {@code ENC1:<key id>:<base64url>} taken apart, or null when the text is not of that form. A
     * scan rather than a regular expression: it runs for every sealed value read, and a regular
     * expression over the whole body cost more than decrypting it.
     */
    private static Parts parts(String text) {
        if (!text.startsWith(PREFIX)) {
            return null;
        }
        int colon = text.indexOf(':', PREFIX.length());
        if (colon <= PREFIX.length() || colon - PREFIX.length() > MAX_KEY_ID || colon == text.length() - 1) {
            return null;
        }
        for (int i = PREFIX.length(); i < text.length(); i++) {
            if (i != colon && !base64Url(text.charAt(i))) {
                return null;
            }
        }
        return new Parts(text.substring(PREFIX.length(), colon), text.substring(colon + 1));
    }

    /** Key ids and bodies alike: [A-Za-z0-9_-]. */
    private static boolean base64Url(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    private static FieldCryptoException malformed() {
        return new FieldCryptoException("not a field cipher text (" + PREFIX + "<key id>:<base64url>)");
    }

    /** The associated data: the text's version and key id, and the place. */
    private static byte[] aad(String keyId, String place) {
        return (PREFIX + keyId + ":" + place).getBytes(StandardCharsets.UTF_8);
    }
}
