package cn.gov.birth.security.crypto;

/**
 * A key-encryption key: encrypts ("wraps") the data keys that encrypt fields, so only wrapped data
 * keys are ever stored. {@link MasterKey} holds one from configuration; a KMS client may be another.
 */
public interface KeyWrapper {

    /** {@code dataKey} encrypted and bound to {@code keyId}, so it unwraps under that id only. */
    byte[] wrap(byte[] dataKey, String keyId);

    /**
     * The data key {@link #wrap} wrapped under {@code keyId}.
     *
     * @throws FieldCryptoException when this is not the key that wrapped it, or it was altered
     */
    byte[] unwrap(byte[] wrapped, String keyId);

    /** Which master key this is (stored with each data key it wraps); not secret. */
    String id();
}
