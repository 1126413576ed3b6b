package cn.gov.birth.hukou.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.code;
import static cn.gov.birth.kit.reference.ReferenceChecks.county;
import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Check.oneOf;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Row;
import cn.gov.birth.platform.table.Table;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population register (常住人口登记) of parents and household heads, {@code population-register.csv};
 * householdNumber is the 户号, a {@code CANCELLED} status a 户口已注销.
 */
@Component
public class PopulationRegister extends Dataset {

    /** GB/T 4761 户主: the head's own relation, and only the head's. */
    static final String HEAD = "02";

    PopulationRegister(JdbcClient jdbc, ColumnProtection protection) {
        // Looked up by a parent's ID number and compared with the form's head: only their indexes are kept.
        super(jdbc, protection, Table.of("population-register", "population_register", List.of("idNumber"),
                        required("idNumber", residentId()).indexed(), required("name"),
                        required("householdDivision", county()),
                        required("householdNumber", pattern("[0-9A-Z][0-9A-Z-]{0,29}")),
                        required("headIdNumber", residentId()).indexed(),
                        required("relationToHead", code(Codes.FAMILY_RELATIONS, "GB/T 4761")),
                        required("ethnicity", code(Codes.ETHNICITIES, "GB/T 3304")),
                        required("status", oneOf("ACTIVE", "CANCELLED")))
                .rule(PopulationRegister::headRelation));
    }

    public record Resident(String idNumberIndex, String name, String householdDivision, String householdNumber,
                           String headIdNumberIndex, String relationToHead, String ethnicity, String status) {

        public boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    public Optional<Resident> find(String idNumber) {
        return Optional.ofNullable(idNumber).flatMap(id -> byKey(Resident.class, id));
    }

    /** Whether the resident's household head is the person of {@code idNumber}. */
    public boolean headIs(Resident resident, String idNumber) {
        return idNumber != null && protection.index(idNumber).equals(resident.headIdNumberIndex());
    }

    /** The head is the one member whose relation is 02. */
    private static void headRelation(Row row) {
        String id = row.text("idNumber");
        String relation = row.text("relationToHead");
        if (id != null && relation != null && id.equals(row.text("headIdNumber")) != HEAD.equals(relation)) {
            row.reject("relationToHead", "HEAD_RELATION_MISMATCH", "户主本人的与户主关系应为 02（户主），其他成员不能为 02");
        }
    }
}
