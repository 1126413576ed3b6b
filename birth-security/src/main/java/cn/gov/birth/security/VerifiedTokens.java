package cn.gov.birth.security;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature was verified, kept until they expire, so a portal that follows an
 * application with the same token is not verified anew on every request (an RSA verification
 * costs more than the rest of such a request). A token is looked up by its exact text; one whose
 * {@code exp} has passed is never returned. Bounded: when full, it starts afresh.
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T token, Instant expiresAt) {
    }

    private final Map<String, Entry<T>> verified = new ConcurrentHashMap<>();
    private final int capacity;

    public VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** The verified token for this text, if it was verified before and has not expired at {@code now}. */
    public T get(String text, Instant now) {
        Entry<T> entry = verified.get(text);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.expiresAt())) {
            verified.remove(text);
            return null;
        }
        return entry.token();
    }

    /** Keeps a token just verified; one without an expiry is not kept. */
    public void put(String text, T token, Instant expiresAt) {
        if (expiresAt == null) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(text, new Entry<>(token, expiresAt));
    }
}
