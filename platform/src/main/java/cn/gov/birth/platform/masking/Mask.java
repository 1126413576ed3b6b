package cn.gov.birth.platform.masking;

/** Masks personal data for logs and messages: ID numbers, phone numbers and names never appear in clear. */
public final class Mask {

    /**
     * A resident ID number (or a bank account) keeps its ends, {@code 520102199001011234} →
     * {@code 5201**********1234}; a shorter document number (passport, travel permit) keeps less,
     * since its ends are most of it: {@code E12345678} → {@code E******78}.
     */
    public static String idNumber(String value) {
        if (value == null || value.length() < 5) {
            return "***";
        }
        int head = value.length() >= 15 ? 4 : 1;
        int tail = value.length() >= 15 ? 4 : 2;
        return value.substring(0, head) + "*".repeat(value.length() - head - tail)
                + value.substring(value.length() - tail);
    }

    /** {@code 13800138000} → {@code 138****8000}. */
    public static String phone(String value) {
        if (value == null || value.length() < 7) {
            return "***";
        }
        return value.substring(0, 3) + "*".repeat(value.length() - 7) + value.substring(value.length() - 4);
    }

    /** {@code 张小明} → {@code 张**}. */
    public static String name(String value) {
        if (value == null || value.isEmpty()) {
            return "*";
        }
        int first = value.codePointAt(0);
        return Character.toString(first) + "*".repeat(Math.max(1, value.codePointCount(0, value.length()) - 1));
    }

    private Mask() {
    }
}
