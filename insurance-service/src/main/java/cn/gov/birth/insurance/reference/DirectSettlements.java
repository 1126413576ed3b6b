package cn.gov.birth.insurance.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maternity expenses the insurance system settled at discharge (免申即享),
 * {@code direct-settlements.csv}: motherIdNumber, hospitalCode, dischargedAt, amount. Keyed by the
 * mother's ID number and the discharge time.
 */
@Component
public class DirectSettlements implements ReferenceDataset {

    private final JdbcClient jdbc;

    DirectSettlements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record DirectSettlement(String motherIdNumber, String hospitalCode, Instant dischargedAt,
                                   BigDecimal amount) {
    }

    /** The mother's settlement at the hospital with a discharge in [from, to], the earliest first. */
    public Optional<DirectSettlement> find(String motherIdNumber, String hospitalCode, Instant from, Instant to) {
        return jdbc.sql("""
                        select mother_id_number, hospital_code, discharged_at, amount from direct_settlement
                        where mother_id_number = ? and hospital_code = ? and discharged_at between ? and ?
                        order by discharged_at limit 1""")
                .params(motherIdNumber, hospitalCode, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new DirectSettlement(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getBigDecimal(4)))
                .optional();
    }

    @Override
    public String name() {
        return "direct-settlements";
    }

    @Override
    public List<String> columns() {
        return List.of("motherIdNumber", "hospitalCode", "dischargedAt", "amount");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row)
                .required("motherIdNumber", "hospitalCode", "dischargedAt", "amount")
                .residentId("motherIdNumber").matches("hospitalCode", "[A-Z0-9]{4,20}").dateTime("dischargedAt")
                .errors());
        Cells.amount(row, "amount", errors);
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        jdbc.sql("""
                        insert into direct_settlement (mother_id_number, hospital_code, discharged_at, amount)
                        values (?, ?, ?, ?)
                        on conflict (mother_id_number, discharged_at) do update set hospital_code = excluded.hospital_code,
                                                                                   amount = excluded.amount""")
                .params(row.get("motherIdNumber"), row.get("hospitalCode"),
                        Timestamp.from(OffsetDateTime.parse(row.get("dischargedAt")).toInstant()),
                        Cells.money(row.get("amount")))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from direct_settlement").query(Long.class).single();
    }
}
