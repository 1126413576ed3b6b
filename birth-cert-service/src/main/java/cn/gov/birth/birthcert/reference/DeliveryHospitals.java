package cn.gov.birth.birthcert.reference;

import cn.gov.birth.kit.reference.HospitalRegisters;
import cn.gov.birth.platform.table.Dataset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Delivery hospitals (助产机构) by code: {@code hospitals.csv} with code, name, county, qualified. */
@Component
public class DeliveryHospitals extends Dataset {

    DeliveryHospitals(JdbcClient jdbc) {
        super(jdbc, HospitalRegisters.of("hospitals", "delivery_hospital", "qualified"));
    }

    public record Hospital(String code, String name, String county, boolean qualified) {
    }

    public Optional<Hospital> find(String code) {
        return byKey(Hospital.class, code);
    }
}
