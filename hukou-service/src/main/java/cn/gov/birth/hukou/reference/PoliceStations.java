package cn.gov.birth.hukou.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The police station that registers births for a household county, {@code police-stations.csv}; its
 * code is what the station's printing notices are listed by.
 */
@Component
public class PoliceStations extends Dataset {

    /** Upper-case letters and digits, as the stations' codes are kept. */
    public static final String STATION_CODE = "[0-9A-Z]{4,20}";

    PoliceStations(JdbcClient jdbc) {
        super(jdbc, Table.of("police-stations", "police_station", List.of("county"),
                required("county", county()), required("code", pattern(STATION_CODE)),
                required("name"), required("address")));
    }

    public record Station(String county, String code, String name, String address) {
    }

    public Optional<Station> of(String county) {
        return byKey(Station.class, county);
    }
}
