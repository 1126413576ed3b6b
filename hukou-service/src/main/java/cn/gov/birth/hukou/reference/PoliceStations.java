package cn.gov.birth.hukou.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The police station that registers births for a household county, {@code police-stations.csv}:
 * county (GB/T 2260), code (what the station's printing notices are listed by), name, address.
 * Keyed by county.
 */
@Component
public class PoliceStations implements ReferenceDataset {

    /** Upper-case letters and digits, as the stations' codes are kept. */
    public static final String STATION_CODE = "[0-9A-Z]{4,20}";

    private final JdbcClient jdbc;

    PoliceStations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Station(String county, String code, String name, String address) {
    }

    public Optional<Station> of(String county) {
        return jdbc.sql("select county, code, name, address from police_station where county = ?")
                .param(county)
                .query(Station.class)
                .optional();
    }

    @Override
    public String name() {
        return "police-stations";
    }

    @Override
    public List<String> columns() {
        return List.of("county", "code", "name", "address");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        return RowCheck.of(row).required("county", "code", "name", "address")
                .county("county").matches("code", STATION_CODE).errors();
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into police_station (county, code, name, address) values (?, ?, ?, ?)
                        on conflict (county) do update set code = excluded.code, name = excluded.name,
                                                           address = excluded.address""")
                .params(row.get("county"), row.get("code"), row.get("name"), row.get("address"))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from police_station").query(Long.class).single();
    }
}
