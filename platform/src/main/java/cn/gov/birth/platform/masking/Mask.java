package cn.gov.birth.platform.masking;

/** Masks personal data for logs and messages: ID numbers, phone numbers and names never appear in clear. */
public final class Mask {

    /** {@code 520102199001011234} → {@code 5201**********1234}. */
    public static String idNumber(String value) {
        if (value == null || value.length() < 8) {
            return "***";
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 8) + value.substring(value.length() - 4);
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
