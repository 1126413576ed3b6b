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
 * Insured persons (参保人员), {@code insured-persons.csv}: idNumber, name, insuredDivision (county),
 * scheme ({@code EMPLOYEE} 职工医保 or {@code RESIDENT} 居民医保), status ({@code ACTIVE} or
 * {@code SUSPENDED}). Keyed by the ID number.
 */
@Component
public class InsuredPersons implements ReferenceDataset {

    private final JdbcClient jdbc;

    InsuredPersons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record InsuredPerson(String idNumber, String name, String insuredDivision, String scheme, String status) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    public Optional<InsuredPerson> find(String idNumber) {
        return jdbc.sql("select id_number, name, insured_division, scheme, status from insured_person where id_number = ?")
                .param(idNumber)
                .query(InsuredPerson.class)
                .optional();
    }

    /** Records a newborn the department enrolled, so that a second enrollment finds it insured. */
    public void enrolled(String idNumber, String name, String insuredDivision) {
        upsert(Map.of("idNumber", idNumber, "name", name, "insuredDivision", insuredDivision, "scheme", "RESIDENT",
                "status", "ACTIVE"));
    }

    @Override
    public String name() {
        return "insured-persons";
    }

    @Override
    public List<String> columns() {
        return List.of("idNumber", "name", "insuredDivision", "scheme", "status");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        return RowCheck.of(row).required("idNumber", "name", "insuredDivision", "scheme", "status")
                .residentId("idNumber").county("insuredDivision").oneOf("scheme", "EMPLOYEE", "RESIDENT")
                .oneOf("status", "ACTIVE", "SUSPENDED").errors();
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into insured_person (id_number, name, insured_division, scheme, status)
                        values (?, ?, ?, ?, ?)
                        on conflict (id_number) do update set name = excluded.name,
                               insured_division = excluded.insured_division, scheme = excluded.scheme,
                               status = excluded.status""")
                .params(row.get("idNumber"), row.get("name"), row.get("insuredDivision"), row.get("scheme"),
                        row.get("status"))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from insured_person").query(Long.class).single();
    }
}
