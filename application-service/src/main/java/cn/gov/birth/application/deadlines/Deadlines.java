package cn.gov.birth.application.deadlines;

import cn.gov.birth.contracts.Item;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** When an accepted item, or the whole application, must be finished by the region's promise. */
@Component
public class Deadlines {

    private final TimeLimits limits;
    private final WorkingCalendar calendar;

    Deadlines(TimeLimits limits, WorkingCalendar calendar) {
        this.limits = limits;
        this.calendar = calendar;
    }

    public LocalDate of(String region, Item item, LocalDate accepted) {
        return limits.of(region, item).map(days -> calendar.addWorkingDays(accepted, days)).orElse(null);
    }

    public LocalDate ofApplication(String region, LocalDate accepted) {
        return limits.whole(region).map(days -> calendar.addWorkingDays(accepted, days)).orElse(null);
    }
}
