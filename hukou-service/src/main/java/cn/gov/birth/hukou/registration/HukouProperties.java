package cn.gov.birth.hukou.registration;

import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Police stations by household county, and the birth registration period by region (after it, a
 * registration waits for an officer's review).
 */
@ConfigurationProperties("birth.hukou")
public record HukouProperties(Map<String, String> policeStations, Map<String, Period> registrationPeriods) {

    public HukouProperties {
        policeStations = policeStations == null ? Map.of() : Map.copyOf(policeStations);
        registrationPeriods = registrationPeriods == null ? Map.of() : Map.copyOf(registrationPeriods);
    }

    /** The station for the county; a county without one registers at its household-register office. */
    String policeStationOf(String division) {
        return policeStations.getOrDefault(division, "户籍所在地派出所（" + division + "）");
    }

    Optional<Period> registrationPeriodOf(String region) {
        return Optional.ofNullable(registrationPeriods.get(region));
    }
}
