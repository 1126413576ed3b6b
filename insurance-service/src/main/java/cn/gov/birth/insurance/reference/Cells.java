package cn.gov.birth.insurance.reference;

import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Checks of money cells, which the platform's row check does not have. */
final class Cells {

    /** A non-negative amount in yuan with at most two decimals, below 100 million. */
    static void amount(Map<String, String> row, String column, List<FieldError> errors) {
        String value = row.get(column);
        if (value != null && !value.matches("\\d{1,8}(\\.\\d{1,2})?")) {
            errors.add(new FieldError(column, "INVALID_AMOUNT", column + " 应为不小于0的金额（元，至多两位小数），如 400.00"));
        }
    }

    static BigDecimal money(String value) {
        return new BigDecimal(value);
    }

    private Cells() {
    }
}
