package cn.gov.birth.application.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;

/**
 * The calendar as shipped (working-calendar.yml), checked against the State Council's 2025 and 2026
 * notices and, for 2027, the statutory holidays of the 放假办法 until the year's notice is entered.
 */
class WorkingCalendarTest {

    private final WorkingCalendar calendar = new WorkingCalendar(shipped());

    @Test
    void shouldCountTheSpringFestivalMakeUpSaturdayAndSkipTheNineDayHoliday() {
        // Thursday 12 Feb 2026: Fri 13 (1), Sat 14 make-up workday (2), 15-23 holiday, Tue 24 (3).
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 12), 3)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 28))).isTrue();
    }

    @Test
    void shouldResumeAfterTheSpringFestivalAndCountTheMakeUpSaturdayAfterIt() {
        // Accepted on Sunday 15 Feb (holiday): Tue 24 .. Fri 27 are 1-4, Sat 28 make-up is 5.
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 15), 5)).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void shouldSkipNationalDayAndCountItsMakeUpSundayAndSaturday() {
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 30), 1)).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 19), 1)).isEqualTo(LocalDate.of(2026, 9, 20));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 9), 1)).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 25))).isFalse();
    }

    @Test
    void shouldEndAnImmediateItemOnTheDayOrTheNextWorkingDay() {
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 25), 0)).isEqualTo(LocalDate.of(2026, 11, 25));
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 10, 3), 0)).isEqualTo(LocalDate.of(2026, 10, 8));
    }

    @Test
    void shouldFollowThe2025Notice() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 2, 4))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 10, 11))).isTrue();
    }

    @Test
    void shouldCountAcrossTheTurnOfTheYear() {
        // Wed 31 Dec 2025: 1-3 Jan 2026 holiday, Sun 4 Jan make-up (1), Mon 5 (2).
        assertThat(calendar.addWorkingDays(LocalDate.of(2025, 12, 31), 2)).isEqualTo(LocalDate.of(2026, 1, 5));
    }

    @Test
    void shouldKeepFixedDateHolidaysInAYearWithoutANotice() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 10, 1))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2030, 10, 4))).isTrue();
    }

    @Test
    void shouldCountTheStatutoryHolidaysOf2027UntilItsNoticeIsEntered() {
        // 春节: 除夕 Fri 5 Feb to 初三 Mon 8 Feb, the weekend days made up on Tue 9 and Wed 10.
        assertThat(calendar.addWorkingDays(LocalDate.of(2027, 2, 4), 1)).isEqualTo(LocalDate.of(2027, 2, 11));
        // 国庆: Fri 1 to Sun 3 Oct, the weekend days made up on Mon 4 and Tue 5.
        assertThat(calendar.addWorkingDays(LocalDate.of(2027, 9, 30), 1)).isEqualTo(LocalDate.of(2027, 10, 6));
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 6, 9))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 6, 10))).isTrue();
    }

    @Test
    void shouldRefuseAMalformedCalendar() {
        var bad = new CalendarProperties(Map.of(2026, new CalendarProperties.Year("x", false, List.of("2026-13-01"), List.of())));
        assertThatThrownBy(() -> new WorkingCalendar(bad)).hasMessageContaining("2026");
        var wrongYear = new CalendarProperties(Map.of(2026, new CalendarProperties.Year("x", false, List.of("2025-01-01"), List.of())));
        assertThatThrownBy(() -> new WorkingCalendar(wrongYear)).hasMessageContaining("bad entry");
    }

    private static CalendarProperties shipped() {
        try {
            var environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("calendar", new ClassPathResource("working-calendar.yml"))
                    .forEach(environment.getPropertySources()::addFirst);
            return new Binder(ConfigurationPropertySources.get(environment))
                    .bind("birth.calendar", CalendarProperties.class).get();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
