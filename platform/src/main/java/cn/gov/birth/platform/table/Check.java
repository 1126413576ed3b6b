package cn.gov.birth.platform.table;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A condition on a cell's text beyond its type: {@code test} false is a problem ({@code code}, {@code expected}). */
public record Check(String code, String expected, Predicate<String> test) {

    public static Check pattern(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return new Check("INVALID_FORMAT", "格式不正确", text -> pattern.matcher(text).matches());
    }

    public static Check oneOf(String... values) {
        List<String> allowed = List.of(values);
        return new Check("UNKNOWN_CODE", "应为 " + String.join("、", values), allowed::contains);
    }
}
