package cn.gov.birth.application.deadlines;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Working days as the government counts them: Monday to Friday, less the statutory holidays, plus
 * the make-up workdays (调休上班) that fall on weekends. Time limits (办结时限) are counted in
 * these days.
 */
@Component
public class WorkingCalendar {

    /** Rest days the law fixes by date, used for years whose notice is not in the data yet. */
    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1),
            MonthDay.of(5, 2), MonthDay.of(10, 1), MonthDay.of(10, 2), MonthDay.of(10, 3));

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    private final Set<Integer> knownYears;
    private final Set<LocalDate> holidays = new HashSet<>();
    private final Set<LocalDate> workdays = new HashSet<>();

    public WorkingCalendar(CalendarProperties properties) {
        this.knownYears = Set.copyOf(properties.years().keySet());
        for (Map.Entry<Integer, CalendarProperties.Year> year : properties.years().entrySet()) {
            if (year.getValue().provisional()) {
                log.warn("Working calendar {} is provisional (statutory holidays only): enter the State Council's "
                        + "notice for {} when it is published", year.getKey(), year.getKey());
            }
            addAll(holidays, year.getValue().holidays(), year.getKey());
            addAll(workdays, year.getValue().workdays(), year.getKey());
            for (LocalDate day : workdays) {
                if (holidays.contains(day)) {
                    throw new IllegalStateException("working calendar: " + day + " is both a holiday and a workday");
                }
            }
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        if (!knownYears.contains(day.getYear()) && FIXED_HOLIDAYS.contains(MonthDay.from(day))) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The day a time limit of {@code days} working days ends when counted from {@code start}: the
     * start day itself is not counted. A limit of 0 (即办) ends on the start day, or on the next
     * working day when the start day is a rest day.
     */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        return Stream.iterate(days == 0 ? start : start.plusDays(1), day -> day.plusDays(1))
                .filter(this::isWorkingDay).skip(Math.max(days - 1, 0)).findFirst().orElseThrow();
    }

    /**
     * The working days from {@code start} to {@code end} as a time limit counts them: the start day
     * not counted, the end day counted (so {@code addWorkingDays(start, n)} is {@code n} days on); 0
     * when {@code end} is not after {@code start}.
     */
    public int workingDaysBetween(LocalDate start, LocalDate end) {
        return end.isAfter(start) ? (int) start.plusDays(1).datesUntil(end.plusDays(1)).filter(this::isWorkingDay)
                .count() : 0;
    }

    private static void addAll(Set<LocalDate> into, List<String> entries, int year) {
        for (String entry : entries) {
            try {
                String[] bounds = entry.split("/");
                LocalDate first = LocalDate.parse(bounds[0].trim());
                LocalDate last = bounds.length > 1 ? LocalDate.parse(bounds[1].trim()) : first;
                if (bounds.length > 2 || last.isBefore(first) || first.getYear() != year) {
                    throw new IllegalStateException("working calendar " + year + ": bad entry '" + entry + "'");
                }
                first.datesUntil(last.plusDays(1)).forEach(into::add);
            } catch (DateTimeException e) {
                throw new IllegalStateException("working calendar " + year + ": bad date in '" + entry + "'", e);
            }
        }
    }
}
