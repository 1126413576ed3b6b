package cn.gov.birth.application.deadlines;

import cn.gov.birth.application.core.DueDates;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.contracts.Item;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** When an accepted item, or the whole application, must be finished by the region's promised time limits. */
@Component
public class Deadlines implements DueDates {

    private final RegionPolicies policies;
    private final WorkingCalendar calendar;

    Deadlines(RegionPolicies policies, WorkingCalendar calendar) {
        this.policies = policies;
        this.calendar = calendar;
    }

    @Override
    public LocalDate of(String region, Item item, LocalDate accepted) {
        return policies.of(region).map(p -> p.timeLimits().get(item))
                .map(days -> calendar.addWorkingDays(accepted, days)).orElse(null);
    }

    @Override
    public LocalDate ofApplication(String region, LocalDate accepted) {
        return policies.of(region).map(RegionPolicy::wholeTimeLimit)
                .map(days -> calendar.addWorkingDays(accepted, days)).orElse(null);
    }
}
