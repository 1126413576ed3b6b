package cn.gov.birth.birthcert.reference;

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

/** Delivery hospitals (助产机构) by code: {@code hospitals.csv} with code, name, county, qualified. */
@Component
public class DeliveryHospitals extends Dataset {

    DeliveryHospitals(JdbcClient jdbc) {
        super(jdbc, Table.of("hospitals", "delivery_hospital", List.of("code"),
                required("code", hospitalCode()), required("name"),
                required("county", county()), required("qualified", Type.BOOLEAN)));
    }

    public record Hospital(String code, String name, String county, boolean qualified) {
    }

    public Optional<Hospital> find(String code) {
        return byKey(Hospital.class, code);
    }
}
