package cn.gov.birth.platform.reference;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks the cells of one reference-data row, collecting every problem rather than stopping at the first. */
public final class RowCheck {

    private static final int MAX_CELL = 200;

    private final Map<String, String> row;
    private final List<FieldError> errors = new ArrayList<>();

    private RowCheck(Map<String, String> row) {
        this.row = row;
        row.forEach((column, value) -> {
            if (value != null && value.length() > MAX_CELL) {
                errors.add(new FieldError(column, "TOO_LONG", column + " 不超过" + MAX_CELL + "个字符"));
            }
        });
    }

    public static RowCheck of(Map<String, String> row) {
        return new RowCheck(row);
    }

    public RowCheck required(String... columns) {
        for (String column : columns) {
            if (row.get(column) == null) {
                errors.add(new FieldError(column, "REQUIRED", column + " 不能为空"));
            }
        }
        return this;
    }

    public RowCheck matches(String column, String regex) {
        String value = row.get(column);
        if (value != null && !Pattern.matches(regex, value)) {
            errors.add(new FieldError(column, "INVALID_FORMAT", column + " 格式不正确"));
        }
        return this;
    }

    public RowCheck oneOf(String column, String... values) {
        String value = row.get(column);
        if (value != null && !Arrays.asList(values).contains(value)) {
            errors.add(new FieldError(column, "UNKNOWN_CODE", column + " 应为 " + String.join("、", values)));
        }
        return this;
    }

    public RowCheck residentId(String column) {
        String value = row.get(column);
        if (value != null && !ResidentIdNumber.isValid(value)) {
            errors.add(new FieldError(column, "INVALID_ID_NUMBER", column + " 不是有效的居民身份证号码"));
        }
        return this;
    }

    public RowCheck county(String column) {
        String value = row.get(column);
        if (value != null && !Codes.isCounty(value)) {
            errors.add(new FieldError(column, "UNKNOWN_CODE", column + " 应为县级行政区划代码（GB/T 2260）"));
        }
        return this;
    }

    public RowCheck code(String column, cn.gov.birth.contracts.codes.CodeTable table, String standard) {
        String value = row.get(column);
        if (value != null && !table.contains(value)) {
            errors.add(new FieldError(column, "UNKNOWN_CODE", column + " 应为 " + standard + " 代码"));
        }
        return this;
    }

    public RowCheck dateTime(String column) {
        String value = row.get(column);
        if (value != null) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(column, "INVALID_DATE_TIME",
                        column + " 应为带时区的 ISO-8601 时间，如 2026-11-20T08:30:00+08:00"));
            }
        }
        return this;
    }

    public RowCheck bool(String column) {
        return oneOf(column, "true", "false");
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
