package cn.gov.birth.insurance.reference;

import cn.gov.birth.kit.reference.HospitalRegisters;
import cn.gov.birth.platform.table.Dataset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Hospitals designated for medical insurance (定点医疗机构); some settle maternity expenses at discharge. */
@Component
public class DesignatedHospitals extends Dataset {

    DesignatedHospitals(JdbcClient jdbc) {
        super(jdbc, HospitalRegisters.of("designated-hospitals", "designated_hospital",
                "maternityDirectSettlement"));
    }

    public record Hospital(String code, String name, String county, boolean maternityDirectSettlement) {
    }

    public Optional<Hospital> find(String code) {
        return byKey(Hospital.class, code);
    }
}
