package cn.gov.birth.platform.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plaintexts of the cipher texts an instance sealed or opened last, so that a value read back soon is not
 * decrypted again: an outbox body the relay sends right after its commit, an application's form and item
 * results, opened at every fact. A cipher text comes from one sealing only (a fresh nonce each time), so the same
 * text at the same place always opens to the same plaintext; an altered text, or a text read at another place,
 * misses here and is decrypted (and refused) as before. Bounded by the characters it holds, least recently used
 * forgotten first: in memory only, as the values a service works on are anyway.
 */
final class OpenedValues {

    private record Sealed(String place, String cipherText) {
    }

    private final long budgetChars;
    private final LinkedHashMap<Sealed, String> values = new LinkedHashMap<>(256, 0.75f, true);
    private long chars;

    /** @param budgetChars how many characters of cipher text and plaintext together it keeps; 0 keeps none */
    OpenedValues(long budgetChars) {
        this.budgetChars = budgetChars;
    }

    /** The plaintext of {@code cipherText} sealed for {@code place}, if it was sealed or opened here lately; else null. */
    synchronized String get(String place, String cipherText) {
        return values.get(new Sealed(place, cipherText));
    }

    /** Remembers what {@code cipherText}, sealed for {@code place}, opens to. */
    synchronized void put(String place, String cipherText, String plaintext) {
        long size = (long) cipherText.length() + plaintext.length();
        if (size > budgetChars) {
            return;
        }
        String previous = values.put(new Sealed(place, cipherText), plaintext);
        chars += previous == null ? size : 0;
        var eldest = values.entrySet().iterator();
        while (chars > budgetChars) {
            Map.Entry<Sealed, String> forgotten = eldest.next();
            chars -= forgotten.getKey().cipherText().length() + forgotten.getValue().length();
            eldest.remove();
        }
    }
}
