package cn.gov.birth.security.crypto;

import java.util.regex.Pattern;

/** Key ids appear in every cipher text, between colons: a few safe characters only. */
final class KeyIds {

    static final String PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final Pattern ID = Pattern.compile(PATTERN);

    static String check(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a " + what + " is 1 to 64 characters of [A-Za-z0-9_-]");
        }
        return id;
    }

    private KeyIds() {
    }
}
