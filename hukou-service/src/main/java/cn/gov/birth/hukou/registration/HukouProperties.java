package cn.gov.birth.hukou.registration;

import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The birth registration period by region (after it, a registration waits for an officer's review). */
@ConfigurationProperties("birth.hukou")
public record HukouProperties(Map<String, Period> registrationPeriods) {

    public HukouProperties {
        registrationPeriods = registrationPeriods == null ? Map.of() : Map.copyOf(registrationPeriods);
    }

    Optional<Period> registrationPeriodOf(String region) {
        return Optional.ofNullable(registrationPeriods.get(region));
    }
}
