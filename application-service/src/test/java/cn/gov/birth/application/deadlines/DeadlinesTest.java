package cn.gov.birth.application.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.contracts.Item;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** Deadlines from the shipped region policies and calendar, counted by hand from the 2026 notice. */
class DeadlinesTest {

    private final Deadlines deadlines = shipped();

    @Test
    void shouldGiveGuangxiHouseholdRegistrationTwoWorkingDaysCountingTheSpringFestivalMakeUpDay() {
        assertThat(deadlines.of("450000", Item.HUKOU, LocalDate.of(2026, 2, 12))).isEqualTo(LocalDate.of(2026, 2, 14));
    }

    @Test
    void shouldGiveGuizhouTwentyThreeWorkingDaysAcrossMidAutumnAndNationalDay() {
        assertThat(deadlines.ofApplication("520000", LocalDate.of(2026, 9, 18))).isEqualTo(LocalDate.of(2026, 10, 27));
    }

    @Test
    void shouldMakeAnImmediateGuizhouBirthCertificateDueOnTheFirstWorkingDayAfterTheHoliday() {
        assertThat(deadlines.of("520000", Item.BIRTH_CERT, LocalDate.of(2026, 2, 16))).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    @Test
    void shouldGiveGansuThreeWorkingDaysForTheWholeApplication() {
        // Friday 30 Jan 2026: Mon 2, Tue 3, Wed 4 Feb.
        assertThat(deadlines.ofApplication("620000", LocalDate.of(2026, 1, 30))).isEqualTo(LocalDate.of(2026, 2, 4));
    }

    @Test
    void shouldGiveNoDeadlineWhereTheRegionStatesNoLimit() {
        assertThat(deadlines.of("220000", Item.HUKOU, LocalDate.of(2026, 3, 2))).isNull();
        assertThat(deadlines.of("520000", Item.PARENTING_GUIDANCE, LocalDate.of(2026, 3, 2))).isNull();
    }

    private static Deadlines shipped() {
        try {
            var environment = new StandardEnvironment();
            new YamlPropertySourceLoader().load("calendar", new ClassPathResource("working-calendar.yml"))
                    .forEach(environment.getPropertySources()::addLast);
            Binder binder = new Binder(ConfigurationPropertySources.get(environment));
            return new Deadlines(new RegionPolicies(),
                    new WorkingCalendar(binder.bind("birth.calendar", CalendarProperties.class).get()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
