package cn.gov.birth.vaccination.certificate;

import java.time.Period;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The CDC's rules per region, as configuration a province changes without code: how old a newborn
 * may be at submission for the joint service to issue the vaccination certificate (later, the
 * community vaccination clinic makes it). A region without a deadline has none.
 */
@ConfigurationProperties("birth.vaccination")
public record VaccinationProperties(Map<String, Region> regions) {

    public VaccinationProperties {
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    Optional<Period> certificateDeadlineOf(String region) {
        return Optional.ofNullable(regions.get(region)).map(Region::certificateDeadline);
    }

    public record Region(Period certificateDeadline) {
    }
}
