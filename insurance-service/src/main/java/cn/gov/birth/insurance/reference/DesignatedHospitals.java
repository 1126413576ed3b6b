package cn.gov.birth.insurance.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hospitals designated for medical insurance (定点医疗机构), {@code designated-hospitals.csv}: code,
 * name, county, maternityDirectSettlement (whether maternity expenses are settled at discharge).
 */
@Component
public class DesignatedHospitals implements ReferenceDataset {

    private final JdbcClient jdbc;

    DesignatedHospitals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hospital(String code, String name, String county, boolean maternityDirectSettlement) {
    }

    public Optional<Hospital> find(String code) {
        return jdbc.sql("select code, name, county, maternity_direct_settlement from designated_hospital where code = ?")
                .param(code)
                .query(Hospital.class)
                .optional();
    }

    @Override
    public String name() {
        return "designated-hospitals";
    }

    @Override
    public List<String> columns() {
        return List.of("code", "name", "county", "maternityDirectSettlement");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        return RowCheck.of(row).required("code", "name", "county", "maternityDirectSettlement")
                .matches("code", "[A-Z0-9]{4,20}").county("county").bool("maternityDirectSettlement").errors();
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into designated_hospital (code, name, county, maternity_direct_settlement)
                        values (?, ?, ?, ?)
                        on conflict (code) do update set name = excluded.name, county = excluded.county,
                               maternity_direct_settlement = excluded.maternity_direct_settlement""")
                .params(row.get("code"), row.get("name"), row.get("county"),
                        Boolean.parseBoolean(row.get("maternityDirectSettlement")))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from designated_hospital").query(Long.class).single();
    }
}
