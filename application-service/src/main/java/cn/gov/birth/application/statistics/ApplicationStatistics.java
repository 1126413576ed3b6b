package cn.gov.birth.application.statistics;

import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The figures of the applications submitted in a period (days in China): how many stand in each
 * status, how many working days they took from submission to completion (average and p90), and
 * how many completed within their promised time limit; for the applications as a whole and per
 * item or per department. Read from the applications' tables, never written.
 */
@Service
public class ApplicationStatistics {

    /** How the items' figures are grouped. */
    public enum GroupBy {
        ITEM, DEPARTMENT
    }

    /**
     * Which applications count: of a region (null: all), submitted from {@code from} to {@code to}, both
     * included; whose items (a department: its own only).
     */
    public record Filter(String region, LocalDate from, LocalDate to, GroupBy groupBy, Department department) {
    }

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;

    ApplicationStatistics(JdbcClient jdbc, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /**
     * The figures; {@code applications} (the whole) only when no department narrows them, as an
     * application is more than one department's work.
     */
    public Statistics of(Filter filter) {
        List<String> where = new ArrayList<>(List.of("true"));
        List<Object> params = new ArrayList<>();
        if (filter.region() != null) {
            where.add("a.region = ?");
            params.add(filter.region());
        }
        if (filter.from() != null) {
            where.add("a.submitted_at >= ?");
            params.add(Timestamp.from(filter.from().atStartOfDay(ChinaTime.ZONE).toInstant()));
        }
        if (filter.to() != null) {
            where.add("a.submitted_at < ?");
            params.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant()));
        }
        String condition = String.join(" and ", where);
        List<Case> items = jdbc.sql("""
                        select a.submitted_at, i.item, i.status, i.deadline, i.updated_at from application_item i
                        join application a on a.id = i.application_id where\s""" + condition)
                .params(params)
                .query((rs, n) -> {
                    Item item = Item.valueOf(rs.getString("item"));
                    ItemStatus status = ItemStatus.valueOf(rs.getString("status"));
                    return new Case(item.name(), item.department(), status.name(), rs.getTimestamp("submitted_at")
                            .toInstant(), status == ItemStatus.COMPLETED ? rs.getTimestamp("updated_at").toInstant()
                            : null, rs.getDate("deadline") == null ? null : rs.getDate("deadline").toLocalDate());
                })
                .list().stream().filter(c -> filter.department() == null || c.department() == filter.department())
                .toList();
        Function<Case, String> key = filter.groupBy() == GroupBy.ITEM ? Case::item : c -> c.department().name();
        Map<String, Figures> groups = new LinkedHashMap<>();
        items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()))
                .forEach((group, cases) -> groups.put(group, figures(cases)));
        Figures applications = null;
        if (filter.department() == null) {
            applications = figures(jdbc.sql("""
                            select a.status, a.submitted_at, a.completed_at, a.deadline from application a
                            where\s""" + condition)
                    .params(params)
                    .query((rs, n) -> {
                        Timestamp completedAt = rs.getTimestamp("completed_at");
                        return new Case(null, null, rs.getString("status"), rs.getTimestamp("submitted_at").toInstant(),
                                completedAt == null ? null : completedAt.toInstant(),
                                rs.getDate("deadline") == null ? null : rs.getDate("deadline").toLocalDate());
                    })
                    .list());
        }
        return new Statistics(filter.region(), filter.from(), filter.to(), filter.groupBy(), applications, groups);
    }

    /**
     * The figures of a group: counts by status; of the completed, the working days each took (the
     * submission day not counted, as time limits count them), and the share finished by its deadline.
     */
    Figures figures(List<Case> cases) {
        Map<String, Long> byStatus = cases.stream().collect(Collectors.groupingBy(Case::status, TreeMap::new,
                Collectors.counting()));
        List<Case> completed = cases.stream().filter(c -> c.completedAt() != null).toList();
        List<Integer> days = completed.stream().map(c -> calendar.workingDaysBetween(day(c.submittedAt()),
                day(c.completedAt()))).sorted(Comparator.naturalOrder()).toList();
        List<Case> limited = completed.stream().filter(c -> c.deadline() != null).toList();
        long onTime = limited.stream().filter(c -> !day(c.completedAt()).isAfter(c.deadline())).count();
        return new Figures(cases.size(), byStatus, completed.size(),
                days.isEmpty() ? null : days.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                days.isEmpty() ? null : days.get((int) Math.ceil(0.9 * days.size()) - 1),
                onTime, limited.isEmpty() ? null : (double) onTime / limited.size());
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ChinaTime.ZONE);
    }

    /** An application or item as the figures need it: completed when {@code completedAt} is set. */
    record Case(String item, Department department, String status, Instant submittedAt, Instant completedAt,
                LocalDate deadline) {
    }

    /**
     * @param total                    how many
     * @param byStatus                 how many in each status ({@link ApplicationStatus} or {@link ItemStatus})
     * @param completed                how many completed
     * @param averageWorkingDays       the working days from submission to completion, on average (null: none completed)
     * @param p90WorkingDays           within how many working days nine in ten of them completed (nearest rank)
     * @param completedOnTime          how many completed by their promised deadline
     * @param onTimeRate               that share of the completed that had a deadline (null: none)
     */
    public record Figures(long total, Map<String, Long> byStatus, long completed, Double averageWorkingDays,
                          Integer p90WorkingDays, long completedOnTime, Double onTimeRate) {
    }

    public record Statistics(String region, LocalDate from, LocalDate to, GroupBy groupBy, Figures applications,
                             Map<String, Figures> groups) {
    }
}
