package cn.gov.birth.security.crypto;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * The data keys of a service, unwrapped once and held in memory by id, and which of them encrypts
 * new values. Rotating adds a key and makes it the active one; the older keys stay to read what
 * they encrypted until it is re-encrypted. Safe for many threads: readers see an immutable snapshot.
 */
public final class Keyring {

    /** An unwrapped data key. */
    record Key(String id, Algorithm algorithm, SecretKey secret) {
    }

    private record State(Map<String, Key> keys, Key active) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyWrapper master;
    private volatile State state = new State(Map.of(), null);

    private Keyring(KeyWrapper master) {
        this.master = Objects.requireNonNull(master, "master");
    }

    /**
     * A keyring of the data keys a service stored, unwrapped by {@code master}.
     *
     * @param activeId the key that encrypts new values, one of {@code keys}; null while there is none
     *                 (nothing can be encrypted until a {@link #rotate})
     * @throws FieldCryptoException when {@code master} is not the master key that wrapped a key
     */
    public static Keyring of(KeyWrapper master, Collection<DataKey> keys, String activeId) {
        Keyring keyring = new Keyring(master);
        keys.forEach(keyring::add);
        if (activeId != null) {
            keyring.activate(activeId);
        }
        return keyring;
    }

    /**
     * Makes a new random data key of {@code algorithm}, makes it the active one and returns it
     * wrapped, for the caller to store.
     */
    public synchronized DataKey rotate(Algorithm algorithm) {
        String id;
        do {
            byte[] random = new byte[9];
            RANDOM.nextBytes(random);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } while (state.keys().containsKey(id));
        byte[] raw = algorithm.newKey();
        DataKey dataKey = new DataKey(id, algorithm, master.wrap(raw, id), Instant.now(), master.id());
        Key key = new Key(id, algorithm, algorithm.key(raw));
        Arrays.fill(raw, (byte) 0);
        state = new State(with(state.keys(), key), key);
        return dataKey;
    }

    /**
     * Learns a data key that another instance made (a no-op for a key already held), without making
     * it active.
     *
     * @throws FieldCryptoException when this keyring's master key did not wrap it
     */
    public synchronized void add(DataKey dataKey) {
        if (state.keys().containsKey(dataKey.id())) {
            return;
        }
        if (!dataKey.masterKeyId().equals(master.id())) {
            throw new FieldCryptoException("data key '" + dataKey.id() + "' is wrapped by master key '"
                    + dataKey.masterKeyId() + "', not by '" + master.id() + "'");
        }
        byte[] raw = master.unwrap(dataKey.wrapped(), dataKey.id());
        try {
            Key key = new Key(dataKey.id(), dataKey.algorithm(), dataKey.algorithm().key(raw));
            state = new State(with(state.keys(), key), state.active());
        } catch (IllegalArgumentException e) {
            throw new FieldCryptoException("data key '" + dataKey.id() + "' is not a " + dataKey.algorithm() + " key");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Makes a held key the one that encrypts new values (another instance rotated). */
    public synchronized void activate(String id) {
        State current = state;
        Key key = current.keys().get(id);
        if (key == null) {
            throw new IllegalArgumentException("no data key '" + id + "' to activate; held: " + current.keys().keySet());
        }
        state = new State(current.keys(), key);
    }

    /** The id of the key that encrypts new values; null while there is none. */
    public String activeId() {
        Key active = state.active();
        return active == null ? null : active.id();
    }

    /** The ids of the keys held. */
    public Set<String> ids() {
        return state.keys().keySet();
    }

    Key active() {
        Key active = state.active();
        if (active == null) {
            throw new IllegalStateException("the keyring has no active data key: rotate once to make one");
        }
        return active;
    }

    Key key(String id) {
        Key key = state.keys().get(id);
        if (key == null) {
            throw new FieldCryptoException("no data key '" + id + "' in the keyring (it holds " + ids() + ")");
        }
        return key;
    }

    private static Map<String, Key> with(Map<String, Key> keys, Key key) {
        Map<String, Key> copy = new LinkedHashMap<>(keys);
        copy.put(key.id(), key);
        return Collections.unmodifiableMap(copy);
    }
}
