package cn.gov.birth.vaccination.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.hospitalCode;
import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Check.oneOf;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.optional;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Row;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * First doses the delivery hospital reports (新生儿首针接种记录: hepatitis B and BCG at birth),
 * {@code first-doses.csv}, one row per dose; {@code DEFERRED} is a contraindication. Birth times are
 * kept to the minute, as the delivery register writes them. Once an import of them commits, the
 * items waiting for a record are decided again ({@code VaccinationCertificates}).
 */
@Component
public class FirstDoses extends Dataset {

    public static final String HEPATITIS_B = "HEPB";
    public static final String GIVEN = "GIVEN";
    public static final String DEFERRED = "DEFERRED";

    /** The lock decisions take shared and an import exclusively (see {@link #lockForDecision}). */
    private static final String DECISION_LOCK = "select pg_advisory_xact_lock%s(hashtextextended('first-doses', 0))";

    FirstDoses(JdbcClient jdbc, ColumnProtection protection) {
        // Found by the mother's ID number, never read back: its index is kept.
        super(jdbc, protection, Table.of("first-doses", "first_dose", List.of("motherIdNumber", "birthTime", "vaccine"),
                        required("hospitalCode", hospitalCode()), required("motherIdNumber", residentId()).indexed(),
                        required("birthTime", Type.DATE_TIME_TO_MINUTE), required("vaccine", oneOf(HEPATITIS_B, "BCG")),
                        required("status", oneOf(GIVEN, DEFERRED)), optional("dosedAt", Type.DATE_TIME),
                        optional("batchNumber", pattern("[A-Za-z0-9-]{1,40}")))
                .rule(FirstDoses::doseComplete)
                .onMerged(merged -> merged.sql(DECISION_LOCK.formatted("")).query().singleRow()));
    }

    public record FirstDose(String hospitalCode, String motherIdNumberIndex, OffsetDateTime birthTime, String vaccine,
                            String status, OffsetDateTime dosedAt, String batchNumber) {
    }

    /** Every dose recorded for the newborns of the mother of that ID number's index, any hospital, any birth time. */
    public List<FirstDose> ofMotherIndex(String motherIdNumberIndex) {
        return jdbc.sql("select * from first_dose where mother_id_number_index = ?").param(motherIdNumberIndex)
                .query(table().rows(FirstDose.class, protection)).list();
    }

    /**
     * Serializes decisions with imports: decisions take this lock shared, an import exclusively once
     * its rows are merged, just before it commits. A decision that read no record before that
     * commits first (the import waits for it) and is found waiting afterwards; one after it sees the rows.
     */
    public void lockForDecision() {
        jdbc.sql(DECISION_LOCK.formatted("_shared")).query().singleRow();
    }

    /** The birth time as doses are kept and matched: to the minute. */
    public static Instant minute(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.MINUTES);
    }

    /** A dose GIVEN has its time and batch, a dose DEFERRED neither; none is given before the birth. */
    private static void doseComplete(Row row) {
        String status = row.text("status");
        for (String column : List.of("dosedAt", "batchNumber")) {
            if (GIVEN.equals(status) && row.text(column) == null) {
                row.reject(column, "REQUIRED", column + " 不能为空（已接种 GIVEN 须填写接种时间和疫苗批号）");
            } else if (DEFERRED.equals(status) && row.text(column) != null) {
                row.reject(column, "NOT_ALLOWED", column + " 应为空（暂缓接种 DEFERRED 没有接种时间和疫苗批号）");
            }
        }
        OffsetDateTime birthTime = row.value("birthTime");
        OffsetDateTime dosedAt = row.value("dosedAt");
        if (GIVEN.equals(status) && birthTime != null && dosedAt != null && dosedAt.isBefore(birthTime)) {
            row.reject("dosedAt", "BEFORE_BIRTH", "dosedAt 不能早于新生儿出生时间");
        }
    }
}
