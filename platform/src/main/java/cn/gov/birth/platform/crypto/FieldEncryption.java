package cn.gov.birth.platform.crypto;

import cn.gov.birth.security.crypto.Algorithm;
import cn.gov.birth.security.crypto.DataKey;
import cn.gov.birth.security.crypto.FieldCipher;
import cn.gov.birth.security.crypto.FieldCryptoException;
import cn.gov.birth.security.crypto.KeyWrapper;
import cn.gov.birth.security.crypto.Keyring;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encrypts a service's personal data fields (ID numbers, phone numbers, bank accounts, addresses)
 * for storage and decrypts them when read, under the data keys in the service's own {@code data_key}
 * table, which a master key from configuration wraps ({@link CryptoSettings}):
 * <pre>{@code
 * row.phone = encryption.seal(phone, "mother.phone");      // ENC1:<key id>:<base64url>
 * String phone = encryption.open(row.phone, "mother.phone");
 * }</pre>
 * The place binds a value to where it is stored, so that it does not decrypt when copied elsewhere;
 * a column's place never changes. Equal values encrypt differently each time: look values up
 * through a blind index. At start-up the keys are loaded, and the first one made if there is none
 * (one only, however many instances start at once). A key another instance made is loaded when a
 * cipher text names it, and becomes the active one here too within {@code refreshInterval}.
 * Nothing here logs a key or a plaintext.
 */
public final class FieldEncryption {

    private static final Logger log = LoggerFactory.getLogger(FieldEncryption.class);

    /**
     * Characters of recently sealed or opened values kept with their plaintexts (a few MB of heap): under the run
     * command's C1-only JVMs, AES-GCM has no intrinsics and opening was a tenth of application-service's CPU.
     */
    static final long OPENED_BUDGET_CHARS = 4_000_000;

    private final KeyWrapper master;
    private final Algorithm algorithm;
    private final boolean acceptPlaintext;
    private final long refreshNanos;
    private final DataKeyTable table;
    private final Keyring keyring;
    private final FieldCipher cipher;
    private final OpenedValues opened = new OpenedValues(OPENED_BUDGET_CHARS);
    private volatile long refreshedAt;

    /**
     * Loads the service's data keys (making the first one if there is none).
     *
     * @param master          wraps the data keys
     * @param algorithm       what new data keys encrypt with
     * @param acceptPlaintext whether {@link #open} takes a value that is not encrypted as it is
     * @param refreshInterval how often {@link #seal} looks for a key another instance activated
     * @throws IllegalStateException when the stored keys were wrapped by another master key
     */
    public FieldEncryption(KeyWrapper master, Algorithm algorithm, boolean acceptPlaintext, Duration refreshInterval,
                           JdbcClient jdbc, TransactionTemplate transactions) {
        this.master = Objects.requireNonNull(master, "master");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.acceptPlaintext = acceptPlaintext;
        this.refreshNanos = refreshInterval.toNanos();
        this.table = new DataKeyTable(jdbc, transactions);
        List<DataKey> keys = table.allOrFirst(() -> {
            DataKey first = newKey();
            log.info("Made the first field-encryption data key {} ({}, wrapped by master key {})", first.id(),
                    first.algorithm(), first.masterKeyId());
            return first;
        });
        try {
            this.keyring = Keyring.of(master, keys, keys.getLast().id());
        } catch (FieldCryptoException e) {
            throw new IllegalStateException("The field-encryption data keys in table data_key do not unwrap under "
                    + "master key '" + master.id() + "' (FIELD_MASTER_KEY, FIELD_MASTER_KEY_ID): set the master key "
                    + "they were made with. " + e.getMessage(), e);
        }
        this.cipher = new FieldCipher(keyring);
        this.refreshedAt = System.nanoTime();
        DataKey active = keys.getLast();
        log.info("Field encryption: data keys {}, active {} ({}), master key {}", keyring.ids(), active.id(),
                active.algorithm(), master.id());
        if (active.algorithm() != algorithm) {
            log.warn("The active data key {} encrypts with {}, but new keys are to use {}: rotate the keys "
                    + "(actuator fieldkeys) to switch", active.id(), active.algorithm(), algorithm);
        }
    }

    /**
     * {@code plaintext} encrypted under the active data key and bound to {@code place} (say
     * {@code application.form}: a value moved to another column does not read); null for null.
     */
    public String seal(String plaintext, String place) {
        if (plaintext == null) {
            return null;
        }
        String at = placeOf(place);
        refreshIfDue();
        String cipherText = cipher.encrypt(plaintext, at);
        opened.put(at, cipherText, plaintext);
        return cipherText;
    }

    /**
     * The plaintext of what {@link #seal} made for {@code place}; null for null. A value that is not
     * encrypted (a row from before encryption) comes back as it is only while
     * {@code birth.crypto.accept-plaintext} is on.
     *
     * @throws FieldCryptoException when the value is not encrypted (and plaintext is not accepted), is
     *         malformed, under a key this service does not have, altered, or sealed for another place
     */
    public String open(String cipherText, String place) {
        if (cipherText == null) {
            return null;
        }
        if (!isSealed(cipherText)) {
            if (acceptPlaintext) {
                return cipherText;
            }
            throw new FieldCryptoException("a value of '" + placeOf(place) + "' is not encrypted (a value from "
                    + "before field encryption? birth.crypto.accept-plaintext lets them read until a rotation "
                    + "encrypts them)");
        }
        String at = placeOf(place);
        String known = opened.get(at, cipherText);
        if (known != null) {
            return known;
        }
        String keyId = keyIdOf(cipherText);
        if (keyId != null && !keyring.ids().contains(keyId)) {
            learn(keyId);
        }
        String plaintext = cipher.decrypt(cipherText, at);
        opened.put(at, cipherText, plaintext);
        return plaintext;
    }

    /** Whether {@code value} is a field cipher text (rather than a value left in the clear). */
    public boolean isSealed(String value) {
        return value != null && value.startsWith(FieldCipher.PREFIX);
    }

    /** What every cipher text under the active key starts with. */
    String activePrefix() {
        return FieldCipher.PREFIX + keyring.activeId() + ":";
    }

    /** The id of the key that encrypts new values. */
    public String activeKeyId() {
        return keyring.activeId();
    }

    /** The ids of the keys this instance holds. */
    public Set<String> keyIds() {
        return keyring.ids();
    }

    /** What new data keys encrypt with. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * Makes a new data key of the configured algorithm, stores it and makes it the active one; other
     * instances take it up within their refresh interval. Values under older keys still read: {@link
     * KeyRotation} re-encrypts them.
     *
     * @return the new key's id
     */
    public synchronized String rotate() {
        String previous = keyring.activeId();
        DataKey key = newKey();
        table.insert(key);
        keyring.add(key);
        keyring.activate(key.id());
        log.info("Rotated the field-encryption data key: {} ({}, master key {}) is the active one, after {}",
                key.id(), key.algorithm(), key.masterKeyId(), previous);
        return key.id();
    }

    /** A new data key wrapped by the master key, made on a keyring of its own: active here once stored. */
    private DataKey newKey() {
        return Keyring.of(master, List.of(), null).rotate(algorithm);
    }

    /** Loads a key that a cipher text names and this instance does not hold (another one made it). */
    private synchronized void learn(String keyId) {
        if (keyring.ids().contains(keyId)) {
            return;
        }
        table.find(keyId).ifPresent(key -> {
            keyring.add(key);
            log.info("Loaded the field-encryption data key {} ({}) that another instance made", key.id(),
                    key.algorithm());
            refreshActive();
        });
    }

    private void refreshIfDue() {
        if (System.nanoTime() - refreshedAt >= refreshNanos) {
            try {
                refreshActive();
            } catch (DataAccessException e) {
                log.warn("Could not look for a newer field-encryption data key (keeping {}): {}", keyring.activeId(),
                        e.getMessage());
            }
        }
    }

    /** Makes the key activated last in the table the active one here. */
    private synchronized void refreshActive() {
        refreshedAt = System.nanoTime();
        String latest = table.activeId().orElse(null);
        if (latest == null || latest.equals(keyring.activeId())) {
            return;
        }
        if (!keyring.ids().contains(latest)) {
            table.find(latest).ifPresent(keyring::add);
            if (!keyring.ids().contains(latest)) {
                return;
            }
        }
        keyring.activate(latest);
        log.info("The field-encryption data key {} is the active one now (another instance rotated)", latest);
    }

    private static String keyIdOf(String cipherText) {
        int end = cipherText.indexOf(':', FieldCipher.PREFIX.length());
        return end < 0 ? null : cipherText.substring(FieldCipher.PREFIX.length(), end);
    }

    /** Every value has a place: an unbound one could be moved anywhere unnoticed. */
    private static String placeOf(String place) {
        if (place == null || place.isBlank()) {
            throw new IllegalArgumentException("a sealed value needs its place (table and column)");
        }
        return place;
    }
}
