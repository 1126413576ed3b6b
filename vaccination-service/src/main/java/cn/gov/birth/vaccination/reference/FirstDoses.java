package cn.gov.birth.vaccination.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * First doses the delivery hospital reports (新生儿首针接种记录: hepatitis B and BCG at birth),
 * {@code first-doses.csv}: hospitalCode, motherIdNumber, birthTime, vaccine ({@code HEPB} or
 * {@code BCG}), status ({@code GIVEN}, or {@code DEFERRED} for a contraindication), dosedAt and
 * batchNumber (both given for a dose GIVEN, both blank when DEFERRED). One row per dose, keyed by
 * mother, birth time (to the minute, as the delivery register writes it) and vaccine. Every row
 * stored announces {@link Recorded}, so items waiting for the record are decided in the import's
 * transaction.
 */
@Component
public class FirstDoses implements ReferenceDataset {

    public static final String HEPATITIS_B = "HEPB";
    public static final String GIVEN = "GIVEN";
    public static final String DEFERRED = "DEFERRED";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    FirstDoses(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public record FirstDose(String hospitalCode, String motherIdNumber, OffsetDateTime birthTime, String vaccine,
                            String status, OffsetDateTime dosedAt, String batchNumber) {
    }

    /** A dose record of the mother's was stored (in the import's transaction, not yet committed). */
    public record Recorded(String motherIdNumber) {
    }

    /** Every dose recorded for the mother's newborns, any hospital, any birth time. */
    public List<FirstDose> ofMother(String motherIdNumber) {
        return jdbc.sql("""
                        select hospital_code, mother_id_number, birth_time, vaccine, status, dosed_at, batch_number
                        from first_dose where mother_id_number = ?""")
                .param(motherIdNumber)
                .query(FirstDose.class)
                .list();
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

    @Override
    public String name() {
        return "first-doses";
    }

    @Override
    public List<String> columns() {
        return List.of("hospitalCode", "motherIdNumber", "birthTime", "vaccine", "status", "dosedAt", "batchNumber");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row)
                .required("hospitalCode", "motherIdNumber", "birthTime", "vaccine", "status")
                .matches("hospitalCode", "[A-Z0-9]{4,20}").residentId("motherIdNumber")
                .dateTime("birthTime").dateTime("dosedAt").oneOf("vaccine", HEPATITIS_B, "BCG")
                .oneOf("status", GIVEN, DEFERRED).matches("batchNumber", "[A-Za-z0-9-]{1,40}").errors());
        if (GIVEN.equals(row.get("status"))) {
            for (String column : List.of("dosedAt", "batchNumber")) {
                if (row.get(column) == null) {
                    errors.add(new FieldError(column, "REQUIRED", column + " 不能为空（已接种 GIVEN 须填写接种时间和疫苗批号）"));
                }
            }
            if (dosedBeforeBirth(row.get("birthTime"), row.get("dosedAt"))) {
                errors.add(new FieldError("dosedAt", "BEFORE_BIRTH", "dosedAt 不能早于新生儿出生时间"));
            }
        } else if (DEFERRED.equals(row.get("status"))) {
            for (String column : List.of("dosedAt", "batchNumber")) {
                if (row.get(column) != null) {
                    errors.add(new FieldError(column, "NOT_ALLOWED", column + " 应为空（暂缓接种 DEFERRED 没有接种时间和疫苗批号）"));
                }
            }
        }
        return errors;
    }

    private static boolean dosedBeforeBirth(String birthTime, String dosedAt) {
        try {
            return birthTime != null && dosedAt != null
                    && OffsetDateTime.parse(dosedAt).toInstant().isBefore(minute(OffsetDateTime.parse(birthTime)));
        } catch (DateTimeParseException e) {
            return false; // reported by the date-time check already
        }
    }

    @Override
    public void upsert(Map<String, String> row) {
        String mother = row.get("motherIdNumber");
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtextextended(?, 0))").param(lockKey(mother))
                .query().singleRow();
        String dosedAt = row.get("dosedAt");
        jdbc.sql("""
                        insert into first_dose (mother_id_number, birth_time, vaccine, hospital_code, status, dosed_at,
                                                batch_number)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (mother_id_number, birth_time, vaccine) do update set
                               hospital_code = excluded.hospital_code, status = excluded.status,
                               dosed_at = excluded.dosed_at, batch_number = excluded.batch_number""")
                .params(mother, Timestamp.from(minute(OffsetDateTime.parse(row.get("birthTime")))), row.get("vaccine"),
                        row.get("hospitalCode"), row.get("status"),
                        dosedAt == null ? null : Timestamp.from(OffsetDateTime.parse(dosedAt).toInstant()),
                        row.get("batchNumber"))
                .update();
        events.publishEvent(new Recorded(mother));
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from first_dose").query(Long.class).single();
    }

    private static String lockKey(String motherIdNumber) {
        return "first-dose:" + motherIdNumber;
    }
}
