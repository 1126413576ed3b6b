package cn.gov.birth.platform.table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * What a column holds: how a cell's text becomes the value stored, and the problem ({@code code},
 * what was {@code expected}) of a text that cannot. {@code parse} throws on such a text.
 */
public record Type(String code, String expected, Function<String, Object> parse) {

    public static final Type TEXT = new Type("INVALID_FORMAT", "格式不正确", text -> text);

    public static final Type BOOLEAN = new Type("UNKNOWN_CODE", "应为 true、false", text -> switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(text);
    });

    public static final Type INTEGER = new Type("INVALID_NUMBER", "应为整数", Integer::valueOf);

    public static final Type DATE = new Type("INVALID_DATE", "应为 ISO-8601 日期，如 2026-11-20",
            text -> inYears(LocalDate.parse(text), LocalDate::getYear));

    public static final Type DATE_TIME = new Type("INVALID_DATE_TIME",
            "应为带时区的 ISO-8601 时间，如 2026-11-20T08:30:00+08:00", Type::dateTime);

    /** A date-time kept to the minute, as registers that write minutes (a delivery register) are matched. */
    public static final Type DATE_TIME_TO_MINUTE = new Type(DATE_TIME.code, DATE_TIME.expected,
            text -> dateTime(text).truncatedTo(ChronoUnit.MINUTES));

    private static OffsetDateTime dateTime(String text) {
        OffsetDateTime time = inYears(OffsetDateTime.parse(text), OffsetDateTime::getYear);
        // ISO-8601 allows offsets to ±18:00; none in use is past ±14:00, and PostgreSQL refuses those past ±15:59.
        if (Math.abs(time.getOffset().getTotalSeconds()) > 14 * 3600) {
            throw new IllegalArgumentException("offset out of range");
        }
        return time;
    }

    /** ISO-8601 lets a year have more digits than PostgreSQL's dates and times hold: four at most, here. */
    private static <T> T inYears(T value, ToIntFunction<T> year) {
        if (year.applyAsInt(value) < 1 || year.applyAsInt(value) > 9999) {
            throw new IllegalArgumentException("year out of range");
        }
        return value;
    }

    /** A non-negative decimal with at most {@code integerDigits} digits before the point and {@code scale} after. */
    public static Type decimal(int integerDigits, int scale) {
        Pattern decimal = Pattern.compile("\\d{1," + integerDigits + "}(\\.\\d{1," + scale + "})?");
        return new Type("INVALID_DECIMAL", "应为不小于0的数（至多" + integerDigits + "位整数、" + scale + "位小数），如 400.00",
                text -> {
                    if (!decimal.matcher(text).matches()) {
                        throw new IllegalArgumentException(text);
                    }
                    return new BigDecimal(text);
                });
    }
}
