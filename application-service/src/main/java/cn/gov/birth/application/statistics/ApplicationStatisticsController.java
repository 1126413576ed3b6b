package cn.gov.birth.application.statistics;

import cn.gov.birth.application.access.DepartmentScope;
import cn.gov.birth.application.statistics.ApplicationStatistics.GroupBy;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/statistics/applications?region=&from=&to=&groupBy=item|department}: the
 * applications submitted from {@code from} to {@code to} (ISO dates, both included, days in China).
 * Supervisors and ops see every department and the applications as a whole; staff only the items
 * of their own department.
 */
@RestController
class ApplicationStatisticsController {

    private final ApplicationStatistics statistics;

    ApplicationStatisticsController(ApplicationStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/api/v1/statistics/applications")
    ApplicationStatistics.Statistics applications(@RequestParam(required = false) String region,
                                                  @RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to,
                                                  @RequestParam(defaultValue = "item") String groupBy,
                                                  Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (region != null && !region.matches("\\d{6}")) {
            errors.add(new FieldError("region", "INVALID_REGION", "region 应为六位行政区划代码"));
        }
        LocalDate first = date("from", from, errors);
        LocalDate last = date("to", to, errors);
        if (first != null && last != null && first.isAfter(last)) {
            errors.add(new FieldError("to", "BEFORE_FROM", "to 不应早于 from"));
        }
        GroupBy grouping = Arrays.stream(GroupBy.values())
                .filter(g -> g.name().equals(groupBy.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        if (grouping == null) {
            errors.add(new FieldError("groupBy", "UNKNOWN_CODE", "groupBy 应为 item 或 department"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return statistics.of(new ApplicationStatistics.Filter(region, first, last, grouping,
                DepartmentScope.of(caller, null)));
    }

    private static LocalDate date(String name, String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "INVALID_DATE", name + " 应为 ISO 日期，如 2026-11-30"));
            return null;
        }
    }
}
