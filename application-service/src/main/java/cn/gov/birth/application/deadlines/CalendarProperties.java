package cn.gov.birth.application.deadlines;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The official holiday arrangements per year, as data (working-calendar.yml). */
@ConfigurationProperties("birth.calendar")
public record CalendarProperties(Map<Integer, Year> years) {

    public CalendarProperties {
        years = years == null ? Map.of() : Map.copyOf(years);
    }

    /**
     * Holidays and make-up workdays: single dates or "first/last" ranges, ISO-8601. A provisional
     * year is the statutory holidays only, until the year's official notice is entered.
     */
    public record Year(String source, boolean provisional, List<String> holidays, List<String> workdays) {

        public Year {
            holidays = holidays == null ? List.of() : List.copyOf(holidays);
            workdays = workdays == null ? List.of() : List.copyOf(workdays);
        }
    }
}
