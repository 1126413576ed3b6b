package cn.gov.birth.insurance.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Check.oneOf;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.CsvReader;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Insured persons (参保人员) of the employee (职工医保) or resident (居民医保) scheme, newborns enrolled here too. */
@Component
public class InsuredPersons extends Dataset {

    InsuredPersons(JdbcClient jdbc, ColumnProtection protection) {
        // Looked up by ID number, never read back: its index is kept.
        super(jdbc, protection, Table.of("insured-persons", "insured_person", List.of("idNumber"),
                required("idNumber", residentId()).indexed(), required("name"),
                required("insuredDivision", county()), required("scheme", oneOf("EMPLOYEE", "RESIDENT")),
                required("status", oneOf("ACTIVE", "SUSPENDED"))));
    }

    public record InsuredPerson(String idNumberIndex, String name, String insuredDivision, String scheme, String status) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    public Optional<InsuredPerson> find(String idNumber) {
        return byKey(InsuredPerson.class, idNumber);
    }

    /** Records a newborn the department enrolled, so that a second enrollment finds it insured. */
    public void enrolled(String idNumber, String name, String insuredDivision) {
        table().store(jdbc, protection, table().read(new CsvReader.Line(0, Map.of("idNumber", idNumber, "name", name,
                "insuredDivision", insuredDivision, "scheme", "RESIDENT", "status", "ACTIVE"))));
    }
}
