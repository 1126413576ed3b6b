package cn.gov.birth.insurance.reference;

import static cn.gov.birth.platform.reference.ReferenceChecks.county;
import static cn.gov.birth.platform.reference.ReferenceChecks.hospitalCode;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hospitals designated for medical insurance (定点医疗机构), {@code designated-hospitals.csv}: code,
 * name, county, maternityDirectSettlement (whether maternity expenses are settled at discharge).
 */
@Component
public class DesignatedHospitals implements Dataset {

    private static final Table TABLE = Table.of("designated-hospitals", "designated_hospital", List.of("code"),
            required("code", Type.TEXT, hospitalCode()), required("name", Type.TEXT),
            required("county", Type.TEXT, county()), required("maternityDirectSettlement", Type.BOOLEAN));

    private final JdbcClient jdbc;

    DesignatedHospitals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Hospital(String code, String name, String county, boolean maternityDirectSettlement) {
    }

    public Optional<Hospital> find(String code) {
        return TABLE.find(jdbc, Hospital.class, code);
    }

    @Override
    public Table table() {
        return TABLE;
    }
}
