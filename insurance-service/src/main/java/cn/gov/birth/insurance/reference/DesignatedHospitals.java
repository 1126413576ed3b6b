package cn.gov.birth.insurance.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.kit.reference.ReferenceChecks.hospitalCode;
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
public class DesignatedHospitals extends Dataset {

    DesignatedHospitals(JdbcClient jdbc) {
        super(jdbc, Table.of("designated-hospitals", "designated_hospital", List.of("code"),
                required("code", hospitalCode()), required("name"),
                required("county", county()), required("maternityDirectSettlement", Type.BOOLEAN)));
    }

    public record Hospital(String code, String name, String county, boolean maternityDirectSettlement) {
    }

    public Optional<Hospital> find(String code) {
        return byKey(Hospital.class, code);
    }
}
