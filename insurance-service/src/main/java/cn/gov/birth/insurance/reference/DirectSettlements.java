package cn.gov.birth.insurance.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.hospitalCode;
import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Maternity expenses the insurance system settled at the mother's discharge (免申即享). */
@Component
public class DirectSettlements extends Dataset {

    DirectSettlements(JdbcClient jdbc, ColumnProtection protection) {
        // Found by the mother's ID number, never read back: its index is kept.
        super(jdbc, protection, Table.of("direct-settlements", "direct_settlement",
                List.of("motherIdNumber", "dischargedAt"), required("motherIdNumber", residentId()).indexed(),
                required("hospitalCode", hospitalCode()), required("dischargedAt", Type.DATE_TIME),
                required("amount", Contributions.AMOUNT)));
    }

    public record DirectSettlement(String motherIdNumberIndex, String hospitalCode, Instant dischargedAt,
                                   BigDecimal amount) {
    }

    /** The mother's settlement at the hospital with a discharge in [from, to], the earliest first. */
    public Optional<DirectSettlement> find(String motherIdNumber, String hospitalCode, Instant from, Instant to) {
        return jdbc.sql("""
                        select mother_id_number_index, hospital_code, discharged_at, amount from direct_settlement
                        where mother_id_number_index = ? and hospital_code = ? and discharged_at between ? and ?
                        order by discharged_at limit 1""")
                .params(protection.index(motherIdNumber), hospitalCode, Timestamp.from(from), Timestamp.from(to))
                .query(DirectSettlement.class).optional();
    }
}
