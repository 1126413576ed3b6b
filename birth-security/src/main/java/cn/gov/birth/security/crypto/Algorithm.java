package cn.gov.birth.security.crypto;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The authenticated ciphers a field or a data key may be encrypted with: AES-256-GCM by default,
 * SM4-GCM (GB/T 32907, from BouncyCastle) where national algorithms are required. Both seal to
 * {@code nonce || ciphertext || tag} with a fresh random 12-byte nonce and a 128-bit tag.
 */
public enum Algorithm {

    AES_256_GCM("AES", 32),
    SM4_GCM("SM4", 16);

    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    private static final int TAG_BYTES = TAG_BITS / 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** At most this many idle ciphers are kept per algorithm: about the threads that seal and open at once. */
    private static final int IDLE_CIPHERS = 64;

    private final String keyAlgorithm;
    private final int keyBytes;
    /**
     * Ciphers that sealed or opened and are free again: making one ({@code Cipher.getInstance}: the providers
     * searched, the implementation made by reflection) cost as much as sealing a field. Each use initialises
     * it anew (its key, a fresh nonce), so nothing of one value carries over to the next.
     */
    private final BlockingQueue<Cipher> idle = new ArrayBlockingQueue<>(IDLE_CIPHERS);

    Algorithm(String keyAlgorithm, int keyBytes) {
        this.keyAlgorithm = keyAlgorithm;
        this.keyBytes = keyBytes;
    }

    public int keyBytes() {
        return keyBytes;
    }

    /** A new random raw key of this algorithm's length. */
    byte[] newKey() {
        byte[] key = new byte[keyBytes];
        RANDOM.nextBytes(key);
        return key;
    }

    SecretKey key(byte[] raw) {
        if (raw.length != keyBytes) {
            throw new IllegalArgumentException(this + " needs a key of " + keyBytes + " bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, keyAlgorithm);
    }

    /** A new GCM cipher; SM4 comes from a BouncyCastle provider of our own, never registered globally. */
    Cipher cipher() throws GeneralSecurityException {
        String transformation = keyAlgorithm + "/GCM/NoPadding";
        return this == SM4_GCM
                ? Cipher.getInstance(transformation, BouncyCastle.PROVIDER)
                : Cipher.getInstance(transformation);
    }

    /** An idle cipher of this algorithm, or a new one. */
    private Cipher borrowed() throws GeneralSecurityException {
        Cipher cipher = idle.poll();
        return cipher != null ? cipher : cipher();
    }

    /** A cipher whose last use ended well is free again (one that failed is never given back); beyond the bound, dropped. */
    private void giveBack(Cipher cipher) {
        idle.offer(cipher);
    }

    /** {@code nonce || ciphertext || tag} of {@code plaintext} under {@code key}, bound to {@code aad}. */
    byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = borrowed();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, NONCE_BYTES);
            giveBack(cipher);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " cannot encrypt", e);
        }
    }

    /**
     * The plaintext of what {@link #seal} made.
     *
     * @throws AEADBadTagException when {@code sealed} was altered or is too short, the key is not
     *         the one it was sealed with, or {@code aad} is not the one it was bound to
     */
    byte[] open(SecretKey key, byte[] sealed, byte[] aad) throws AEADBadTagException {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new AEADBadTagException("too short to be sealed by " + this);
        }
        try {
            Cipher cipher = borrowed();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            giveBack(cipher);
            return plaintext;
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(this + " cannot decrypt", e);
        }
    }

    /** Loaded on the first use of SM4 only. */
    static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();

        private BouncyCastle() {
        }
    }
}
