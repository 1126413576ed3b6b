package cn.gov.birth.hukou.reference;

import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population register (常住人口登记) of parents and household heads, {@code population-register.csv}:
 * idNumber, name, householdDivision (GB/T 2260 county), householdNumber (户号), headIdNumber,
 * relationToHead (GB/T 4761), ethnicity (GB/T 3304), status ({@code ACTIVE} or {@code CANCELLED},
 * 户口已注销). Keyed by idNumber.
 */
@Component
public class PopulationRegister implements ReferenceDataset {

    /** GB/T 4761 户主: the head's own relation, and only the head's. */
    static final String HEAD = "02";

    private final JdbcClient jdbc;

    PopulationRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Resident(String idNumber, String name, String householdDivision, String householdNumber,
                           String headIdNumber, String relationToHead, String ethnicity, String status) {

        public boolean cancelled() {
            return "CANCELLED".equals(status);
        }
    }

    public Optional<Resident> find(String idNumber) {
        if (idNumber == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id_number, name, household_division, household_number, head_id_number,
                               relation_to_head, ethnicity, status
                        from population_register where id_number = ?""")
                .param(idNumber)
                .query(Resident.class)
                .optional();
    }

    @Override
    public String name() {
        return "population-register";
    }

    @Override
    public List<String> columns() {
        return List.of("idNumber", "name", "householdDivision", "householdNumber", "headIdNumber", "relationToHead",
                "ethnicity", "status");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row)
                .required("idNumber", "name", "householdDivision", "householdNumber", "headIdNumber",
                        "relationToHead", "ethnicity", "status")
                .residentId("idNumber").residentId("headIdNumber").county("householdDivision")
                .matches("householdNumber", "[0-9A-Z][0-9A-Z-]{0,29}")
                .code("relationToHead", Codes.FAMILY_RELATIONS, "GB/T 4761")
                .code("ethnicity", Codes.ETHNICITIES, "GB/T 3304")
                .oneOf("status", "ACTIVE", "CANCELLED").errors());
        String id = row.get("idNumber");
        String relation = row.get("relationToHead");
        if (id != null && relation != null && id.equals(row.get("headIdNumber")) != HEAD.equals(relation)) {
            errors.add(new FieldError("relationToHead", "HEAD_RELATION_MISMATCH",
                    "户主本人的与户主关系应为 02（户主），其他成员不能为 02"));
        }
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into population_register (id_number, name, household_division, household_number,
                                                         head_id_number, relation_to_head, ethnicity, status)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id_number) do update set name = excluded.name,
                               household_division = excluded.household_division,
                               household_number = excluded.household_number,
                               head_id_number = excluded.head_id_number,
                               relation_to_head = excluded.relation_to_head, ethnicity = excluded.ethnicity,
                               status = excluded.status""")
                .params(row.get("idNumber"), row.get("name"), row.get("householdDivision"), row.get("householdNumber"),
                        row.get("headIdNumber"), row.get("relationToHead"), row.get("ethnicity"), row.get("status"))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from population_register").query(Long.class).single();
    }
}
