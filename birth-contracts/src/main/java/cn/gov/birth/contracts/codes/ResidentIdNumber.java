package cn.gov.birth.contracts.codes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The 18-character citizen identification number of GB 11643-1999: a six-digit division code,
 * the birth date (yyyyMMdd), a three-digit sequence (odd for men, even for women) and an ISO 7064
 * MOD 11-2 check character.
 */
public final class ResidentIdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final Pattern SHAPE = Pattern.compile("\\d{17}[0-9X]");

    /** The check character for the first seventeen digits. */
    public static char checkCharacter(CharSequence first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("need 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = first17.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a digit at " + i);
            }
            sum += (c - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Whether the number has the right shape, a real birth date and a correct check character. */
    public static boolean isValid(String number) {
        if (number == null || !SHAPE.matcher(number).matches()) {
            return false;
        }
        try {
            birthDate(number);
        } catch (DateTimeException e) {
            return false;
        }
        return checkCharacter(number.substring(0, 17)) == number.charAt(17);
    }

    /** Builds a full number from a division code, a birth date and a sequence of 1..999. */
    public static String of(String division, LocalDate birthDate, int sequence) {
        if (division == null || !division.matches("\\d{6}")) {
            throw new IllegalArgumentException("division must be six digits");
        }
        if (sequence < 1 || sequence > 999) {
            throw new IllegalArgumentException("sequence must be 1..999");
        }
        String first17 = division + birthDate.format(DateTimeFormatter.BASIC_ISO_DATE) + "%03d".formatted(sequence);
        return first17 + checkCharacter(first17);
    }

    public static LocalDate birthDate(String number) {
        return LocalDate.of(Integer.parseInt(number.substring(6, 10)),
                Integer.parseInt(number.substring(10, 12)), Integer.parseInt(number.substring(12, 14)));
    }

    /** GB/T 2261.1 sex code encoded by the sequence: "1" male (odd), "2" female (even). */
    public static String sex(String number) {
        return (number.charAt(16) - '0') % 2 == 1 ? "1" : "2";
    }

    private ResidentIdNumber() {
    }
}
