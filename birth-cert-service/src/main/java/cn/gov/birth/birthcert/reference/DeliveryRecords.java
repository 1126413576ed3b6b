package cn.gov.birth.birthcert.reference;

import static cn.gov.birth.kit.reference.ReferenceChecks.residentId;
import static cn.gov.birth.platform.table.Check.oneOf;
import static cn.gov.birth.platform.table.Check.pattern;
import static cn.gov.birth.platform.table.Column.optional;
import static cn.gov.birth.platform.table.Column.required;

import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.Dataset;
import cn.gov.birth.platform.table.Table;
import cn.gov.birth.platform.table.Type;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivery records the hospitals upload (分娩记录), {@code delivery-records.csv}. Birth times are kept to
 * the minute, as the delivery register writes them. A record with a certificate number has decided a
 * birth: its mother, birth time and hospital stay.
 */
@Component
public class DeliveryRecords extends Dataset {

    /** The record's stored certificate number is another. */
    private static final String NUMBERED_OTHERWISE = "s.certificate_number is not null and exists (select 1 from "
            + "delivery_record t where t.record_number = s.record_number and t.certificate_number <> s.certificate_number)";
    /** The number is on another record, stored or in the same file. */
    private static final String NUMBER_ELSEWHERE = "s.certificate_number is not null and (exists (select 1 from "
            + "delivery_record t where t.certificate_number = s.certificate_number and t.record_number <> s.record_number)"
            + " or exists (select 1 from " + Table.STAGE + " o where o.certificate_number = s.certificate_number "
            + "and o.record_number <> s.record_number))";

    DeliveryRecords(JdbcClient jdbc, ColumnProtection protection, DeliveryHospitals hospitals) {
        // A number once on a record stays: a later export (which may not carry it) never frees the birth
        // for a second certificate, and one number belongs to one birth. The mother's ID number is only
        // compared: its index is kept.
        super(jdbc, protection, Table.of("delivery-records", "delivery_record", List.of("recordNumber"),
                        required("recordNumber"), required("hospitalCode"),
                        required("motherIdNumber", residentId()).indexed(),
                        required("birthTime", Type.DATE_TIME_TO_MINUTE), required("sex", oneOf("1", "2")),
                        optional("dischargedAt", Type.DATE_TIME),
                        optional("certificateNumber", pattern("[A-Z]\\d{9}")).keepingStored())
                .references("hospitalCode", hospitals.table(), "UNKNOWN_HOSPITAL", "助产机构名录")
                .stagedRule("certificateNumber", "CERTIFICATE_NUMBER_CONFLICT",
                        "'该分娩记录已签发出生医学证明 ' || (select t.certificate_number from delivery_record t "
                                + "where t.record_number = s.record_number) || '，不能改为 ' || s.certificate_number",
                        NUMBERED_OTHERWISE)
                .stagedRule("certificateNumber", "CERTIFICATE_NUMBER_IN_USE",
                        "'出生医学证明编号 ' || s.certificate_number || ' 已在另一条分娩记录上'", NUMBER_ELSEWHERE)
                .fixedOnceSet("certificate_number", "motherIdNumber", "birthTime", "hospitalCode"));
    }

    public record DeliveryRecord(String recordNumber, String hospitalCode, String motherIdNumberIndex,
                                 OffsetDateTime birthTime, String sex, String certificateNumber) {
    }

    /** Whether the record is of the mother of {@code idNumber}. */
    public boolean isOfMother(DeliveryRecord record, String idNumber) {
        return idNumber != null && protection.index(idNumber).equals(record.motherIdNumberIndex());
    }

    public Optional<DeliveryRecord> find(String recordNumber) {
        return byKey(DeliveryRecord.class, recordNumber);
    }

    /** Records of deliveries at the hospital at that minute. */
    public List<DeliveryRecord> at(String hospitalCode, OffsetDateTime birthTime) {
        return where(DeliveryRecord.class, List.of("hospitalCode", "birthTime"), hospitalCode,
                birthTime.truncatedTo(ChronoUnit.MINUTES));
    }

    /** The mother's records at the hospital, any time. */
    public List<DeliveryRecord> ofMother(String hospitalCode, String motherIdNumber) {
        return where(DeliveryRecord.class, List.of("hospitalCode", "motherIdNumber"), hospitalCode, motherIdNumber);
    }
}
