package cn.gov.birth.hukou.registration;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Police stations by household county. */
@ConfigurationProperties("birth.hukou")
public record HukouProperties(Map<String, String> policeStations) {

    public HukouProperties {
        policeStations = policeStations == null ? Map.of() : Map.copyOf(policeStations);
    }

    /** The station for the county; a county without one registers at its household-register office. */
    String policeStationOf(String division) {
        return policeStations.getOrDefault(division, "户籍所在地派出所（" + division + "）");
    }
}
