package cn.gov.birth.security.crypto;

/**
 * A cipher text or a wrapped key that cannot be read: altered, malformed, under an unknown key or
 * the wrong master key. Its message never holds a plaintext, a cipher text or a key.
 */
public final class FieldCryptoException extends RuntimeException {

    public FieldCryptoException(String message) {
        super(message);
    }
}
