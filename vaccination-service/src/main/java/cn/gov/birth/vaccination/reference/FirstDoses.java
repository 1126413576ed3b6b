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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * First doses the delivery hospital reports (新生儿首针接种记录: hepatitis B and BCG at birth),
 * {@code first-doses.csv}, one row per dose; {@code DEFERRED} is a contraindication. Birth times are
 * kept to the minute, as the delivery register writes them. Every row stored announces
 * {@link Recorded}, so items waiting for the record are decided in the import's transaction.
 */
@Component
public class FirstDoses extends Dataset {

    public static final String HEPATITIS_B = "HEPB";
    public static final String GIVEN = "GIVEN";
    public static final String DEFERRED = "DEFERRED";

    FirstDoses(JdbcClient jdbc, ColumnProtection protection, ApplicationEventPublisher events) {
        // Found by the mother's ID number, never read back: its index is kept.
        super(jdbc, protection, Table.of("first-doses", "first_dose", List.of("motherIdNumber", "birthTime", "vaccine"),
                        required("hospitalCode", hospitalCode()), required("motherIdNumber", residentId()).indexed(),
                        required("birthTime", Type.DATE_TIME_TO_MINUTE), required("vaccine", oneOf(HEPATITIS_B, "BCG")),
                        required("status", oneOf(GIVEN, DEFERRED)), optional("dosedAt", Type.DATE_TIME),
                        optional("batchNumber", pattern("[A-Za-z0-9-]{1,40}")))
                .rule(FirstDoses::doseComplete)
                .onStored(row -> recorded(jdbc, events, row)));
    }

    public record FirstDose(String hospitalCode, String motherIdNumberIndex, OffsetDateTime birthTime, String vaccine,
                            String status, OffsetDateTime dosedAt, String batchNumber) {
    }

    /** A dose record of the mother's was stored (in the import's transaction, not yet committed). */
    public record Recorded(String motherIdNumber) {
    }

    /** Every dose recorded for the mother's newborns, any hospital, any birth time. */
    public List<FirstDose> ofMother(String motherIdNumber) {
        return where(FirstDose.class, List.of("motherIdNumber"), motherIdNumber);
    }

    /**
     * Serializes a decision on the mother's records with imports of them (an exclusive lock; an
     * import takes it shared): a decision either sees an import's rows or is seen waiting by it.
     */
    public void lockForDecision(String motherIdNumber) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(lockKey(motherIdNumber))
                .query().singleRow();
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

    /**
     * Takes the mother's decision lock shared (see {@link #lockForDecision}) once the row is written,
     * and announces the record: a decision holding the lock has committed before this import goes on
     * (its waiting item is found at commit) or waits for the import's commit (and sees the row).
     */
    private static void recorded(JdbcClient jdbc, ApplicationEventPublisher events, Row row) {
        String mother = row.text("motherIdNumber");
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))").param(lockKey(mother))
                .query().singleRow();
        events.publishEvent(new Recorded(mother));
    }

    private static String lockKey(String motherIdNumber) {
        return "first-dose:" + motherIdNumber;
    }
}
