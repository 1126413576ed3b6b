package cn.gov.birth.birthcert.reference;

import cn.gov.birth.platform.reference.ReferenceDataset;
import cn.gov.birth.platform.reference.RowCheck;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivery records the hospitals upload (分娩记录), {@code delivery-records.csv}: recordNumber,
 * hospitalCode, motherIdNumber, birthTime, sex, dischargedAt, certificateNumber (the last two may
 * be blank). Birth times are kept to the minute, as the delivery register writes them.
 */
@Component
public class DeliveryRecords implements ReferenceDataset {

    private final JdbcClient jdbc;
    private final DeliveryHospitals hospitals;

    DeliveryRecords(JdbcClient jdbc, DeliveryHospitals hospitals) {
        this.jdbc = jdbc;
        this.hospitals = hospitals;
    }

    public record DeliveryRecord(String recordNumber, String hospitalCode, String motherIdNumber,
                                 OffsetDateTime birthTime, String sex, String certificateNumber) {
    }

    /** Records of deliveries at the hospital at that minute. */
    public List<DeliveryRecord> at(String hospitalCode, OffsetDateTime birthTime) {
        return jdbc.sql("""
                        select record_number, hospital_code, mother_id_number, birth_time, sex, certificate_number
                        from delivery_record where hospital_code = ? and birth_time = ?""")
                .params(hospitalCode, minute(birthTime))
                .query(DeliveryRecord.class)
                .list();
    }

    /** The mother's records at the hospital, any time. */
    public List<DeliveryRecord> ofMother(String hospitalCode, String motherIdNumber) {
        return jdbc.sql("""
                        select record_number, hospital_code, mother_id_number, birth_time, sex, certificate_number
                        from delivery_record where hospital_code = ? and mother_id_number = ?""")
                .params(hospitalCode, motherIdNumber)
                .query(DeliveryRecord.class)
                .list();
    }

    @Override
    public String name() {
        return "delivery-records";
    }

    @Override
    public List<String> columns() {
        return List.of("recordNumber", "hospitalCode", "motherIdNumber", "birthTime", "sex", "dischargedAt",
                "certificateNumber");
    }

    @Override
    public List<FieldError> check(Map<String, String> row) {
        List<FieldError> errors = new ArrayList<>(RowCheck.of(row)
                .required("recordNumber", "hospitalCode", "motherIdNumber", "birthTime", "sex")
                .residentId("motherIdNumber").dateTime("birthTime").dateTime("dischargedAt").oneOf("sex", "1", "2")
                .matches("certificateNumber", "[A-Z]\\d{9}").errors());
        String hospital = row.get("hospitalCode");
        if (hospital != null && hospitals.find(hospital).isEmpty()) {
            errors.add(new FieldError("hospitalCode", "UNKNOWN_HOSPITAL",
                    "医院 " + hospital + " 不在助产机构名录中（先导入 hospitals）"));
        }
        // A number once on a record stays: a later export (which may not carry it) never frees the birth
        // for a second certificate, and one number belongs to one birth.
        String record = row.get("recordNumber");
        String number = row.get("certificateNumber");
        if (record != null && number != null) {
            jdbc.sql("select certificate_number from delivery_record where record_number = ?").param(record)
                    .query(String.class).optional().filter(stored -> stored != null && !stored.equals(number))
                    .ifPresent(stored -> errors.add(new FieldError("certificateNumber", "CERTIFICATE_NUMBER_CONFLICT",
                            "该分娩记录已签发出生医学证明 " + stored + "，不能改为 " + number)));
            if (jdbc.sql("select count(*) from delivery_record where certificate_number = ? and record_number <> ?")
                    .params(number, record).query(Long.class).single() > 0) {
                errors.add(new FieldError("certificateNumber", "CERTIFICATE_NUMBER_IN_USE",
                        "出生医学证明编号 " + number + " 已在另一条分娩记录上"));
            }
        }
        return errors;
    }

    @Override
    public void upsert(Map<String, String> row) {
        String discharged = row.get("dischargedAt");
        jdbc.sql("""
                        insert into delivery_record (record_number, hospital_code, mother_id_number, birth_time, sex,
                                                     discharged_at, certificate_number)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (record_number) do update set hospital_code = excluded.hospital_code,
                               mother_id_number = excluded.mother_id_number, birth_time = excluded.birth_time,
                               sex = excluded.sex, discharged_at = excluded.discharged_at,
                               certificate_number = coalesce(delivery_record.certificate_number,
                                                             excluded.certificate_number)""")
                .params(row.get("recordNumber"), row.get("hospitalCode"), row.get("motherIdNumber"),
                        minute(OffsetDateTime.parse(row.get("birthTime"))), row.get("sex"),
                        discharged == null ? null : Timestamp.from(OffsetDateTime.parse(discharged).toInstant()),
                        row.get("certificateNumber"))
                .update();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from delivery_record").query(Long.class).single();
    }

    private static Timestamp minute(OffsetDateTime time) {
        return Timestamp.from(time.toInstant().truncatedTo(ChronoUnit.MINUTES));
    }
}
