package cn.gov.birth.birthcert.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Delivery hospitals (助产机构) by code: {@code hospitals.csv} with code, name, county, qualified. */
@Component
public class DeliveryHospitals implements ReferenceDataset {

    private final JdbcClient jdbc;

    DeliveryHospitals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hospital(String code, String name, String county, boolean qualified) {
    }

    public Optional<Hospital> find(String code) {
        return jdbc.sql("select code, name, county, qualified from delivery_hospital where code = ?")
                .param(code)
                .query(Hospital.class)
                .optional();
    }

    @Override
    public String name() {
        return "hospitals";
    }

    @Override
    public List<String> columns() {
        return List.of("code", "name", "county", "qualified");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        return RowCheck.of(row).required("code", "name", "county", "qualified")
                .matches("code", "[A-Z0-9]{4,20}").county("county").bool("qualified").errors();
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into delivery_hospital (code, name, county, qualified) values (?, ?, ?, ?)
                        on conflict (code) do update set name = excluded.name, county = excluded.county,
                                                         qualified = excluded.qualified""")
                .params(row.get("code"), row.get("name"), row.get("county"), Boolean.parseBoolean(row.get("qualified")))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from delivery_hospital").query(Long.class).single();
    }
}
