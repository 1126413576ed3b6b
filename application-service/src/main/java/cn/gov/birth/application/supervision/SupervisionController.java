package cn.gov.birth.application.supervision;

import cn.gov.birth.application.access.DepartmentScope;
import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ops/deadlines?overdue=true} and/or {@code ?dueWithin=P2D}: the items their
 * departments still hold that are past their promised time limit, or due within the period from
 * today (in China), each labelled with its department and counted by department. Supervisors and
 * ops see every department (or the one they ask for, {@code department=}); staff their own.
 */
@RestController
class SupervisionController {

    private final OverdueItems items;
    private final WorkingCalendar calendar;
    private final Clock clock;

    SupervisionController(OverdueItems items, WorkingCalendar calendar, Clock clock) {
        this.items = items;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GetMapping("/api/v1/ops/deadlines")
    Deadlines deadlines(@RequestParam(required = false) String overdue,
                        @RequestParam(required = false) String dueWithin,
                        @RequestParam(required = false) String department,
                        @RequestParam(required = false) String region, Caller caller) {
        List<FieldError> errors = new ArrayList<>();
        if (overdue != null && !overdue.equals("true") && !overdue.equals("false")) {
            errors.add(new FieldError("overdue", "INVALID_BOOLEAN", "overdue 应为 true 或 false"));
        }
        Period within = null;
        if (dueWithin != null) {
            try {
                within = Period.parse(dueWithin);
            } catch (DateTimeParseException e) {
                within = Period.ofDays(-1);
            }
            if (within.isNegative()) {
                errors.add(new FieldError("dueWithin", "INVALID_DURATION",
                        "dueWithin 应为不为负的 ISO-8601 时长（天、周、月），如 P2D"));
            }
        }
        if (!"true".equals(overdue) && dueWithin == null) {
            errors.add(new FieldError("overdue", "REQUIRED", "请给出 overdue=true 或 dueWithin（如 P2D），或二者"));
        }
        Department asked = null;
        if (department != null) {
            asked = Arrays.stream(Department.values()).filter(d -> d.name().equals(department)).findFirst()
                    .orElse(null);
            if (asked == null) {
                errors.add(new FieldError("department", "UNKNOWN_CODE", "department 应为五个部门之一，如 HEALTH"));
            }
        }
        if (region != null && !region.matches("\\d{6}")) {
            errors.add(new FieldError("region", "INVALID_REGION", "region 应为六位行政区划代码"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Department scope = DepartmentScope.of(caller, asked);
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        LocalDate first = "true".equals(overdue) ? null : today;
        LocalDate last = within != null ? today.plus(within) : today.minusDays(1);
        List<Listed> listed = items.due(first, last, scope, region).stream().map(item -> listed(item, today))
                .toList();
        Map<Department, Long> byDepartment = new EnumMap<>(Department.class);
        listed.forEach(item -> byDepartment.merge(item.department(), 1L, Long::sum));
        return new Deadlines(today, listed.size(), byDepartment, listed);
    }

    private Listed listed(DueItem item, LocalDate today) {
        boolean overdue = item.deadline().isBefore(today);
        return new Listed(item.department(), item.applicationId(), item.reference(), item.region(), item.item(),
                item.status(), item.deadline(), overdue,
                overdue ? ChronoUnit.DAYS.between(item.deadline(), today) : 0,
                calendar.workingDaysBetween(item.deadline(), today));
    }

    /** The items listed on {@code today}, oldest deadline first, and how many per department. */
    record Deadlines(LocalDate today, int total, Map<Department, Long> byDepartment, List<Listed> items) {
    }

    /** One item: its department, application, where it stands, and by how many days (calendar, working) it is late. */
    record Listed(Department department, UUID applicationId, String reference, String region, Item item,
                  ItemStatus status, LocalDate deadline, boolean overdue, long daysOverdue,
                  int workingDaysOverdue) {
    }
}
