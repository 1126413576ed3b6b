package cn.gov.birth.birthcert.certificate;

import cn.gov.birth.birthcert.reference.DeliveryHospitals;
import cn.gov.birth.birthcert.reference.DeliveryHospitals.Hospital;
import cn.gov.birth.birthcert.reference.DeliveryRecords;
import cn.gov.birth.birthcert.reference.DeliveryRecords.DeliveryRecord;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.Handover;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.review.ReviewQueue;
import java.nio.charset.Charset;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the birth medical certificate (首签) on the hospital's delivery record, not on the form:
 * the hospital must be a qualified delivery hospital, and a record there must match the mother's
 * ID number, the birth time and the sex. Where the hospital issued the certificate before the
 * application (Jilin), the number given is verified against the record instead. A name the
 * certificate printing cannot set from the national character set waits for staff.
 */
@Service
public class BirthCertificates {

    /** GB 2312 is what certificate printing sets without a hand-made glyph; anything beyond is a rare character. */
    private static final Charset COMMON_CHARACTERS = Charset.forName("GB2312");

    private static final String MAIL = "MAIL";

    private final JdbcClient jdbc;
    private final ItemFacts facts;
    private final Waybills waybills;
    private final DeliveryHospitals hospitals;
    private final DeliveryRecords records;
    private final ReviewQueue<Certification> review;
    private final BirthCertificateProperties properties;
    private final Clock clock;

    BirthCertificates(JdbcClient jdbc, ItemFacts facts, Waybills waybills, DeliveryHospitals hospitals,
                      DeliveryRecords records, ReviewQueue<Certification> review, BirthCertificateProperties properties,
                      Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.waybills = waybills;
        this.hospitals = hospitals;
        this.records = records;
        this.review = review;
        this.properties = properties;
        this.clock = clock;
        review.onApproval(Item.BIRTH_CERT, task -> issue(task.applicationId(), task.context()));
    }

    /** Decides on an accepted application, or on a corrected one after a return. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (!facts.start(application, Item.BIRTH_CERT)) {
            return;
        }
        UUID id = application.applicationId();
        Newborn newborn = application.newborn();
        Optional<Hospital> hospital = hospitals.find(newborn.hospitalCode());
        if (hospital.isEmpty()) {
            returned(id, "HOSPITAL_NOT_FOUND", "未找到出生医院（编码 " + newborn.hospitalCode() + "），请核对出生医院后补正");
            return;
        }
        if (!hospital.get().qualified()) {
            facts.rejected(id, Item.BIRTH_CERT, "HOSPITAL_NOT_QUALIFIED", hospital.get().name()
                    + "不是具有助产技术服务资质的机构，出生医学证明不能通过联办签发，请到县级卫生健康部门单项办理");
            return;
        }
        Match match = match(newborn, application.mother().idNumber());
        if (match.reason() != null) {
            returned(id, match.reason(), MESSAGES.get(match.reason()));
            return;
        }
        // The stub goes to the station that registers the birth: the household's county, else the birth county's.
        var delivery = application.delivery();
        Certification certification = new Certification(application.region(), newborn.hospitalCode(),
                match.record().recordNumber(), newborn.birthCertificateNumber(),
                application.household() != null ? application.household().division() : newborn.birthDivision(),
                delivery != null && MAIL.equals(delivery.birthCertificate()), hospital.get().name(),
                delivery == null || delivery.birthCertificateCollector() == null ? "MOTHER"
                        : delivery.birthCertificateCollector(),
                delivery == null ? null : delivery.collectionAuthorizationDocumentId());
        String name = newborn.surname() + newborn.givenName();
        if (!COMMON_CHARACTERS.newEncoder().canEncode(name)) {
            review.open(id, Item.BIRTH_CERT, "RARE_CHARACTER_NAME",
                    "新生儿姓名含生僻字，转出生医学证明签发人员人工核对字形", certification);
            return;
        }
        issue(id, certification);
    }

    private static final Map<String, String> MESSAGES = Map.of(
            "DELIVERY_RECORD_NOT_FOUND", "出生医院没有与申请一致的分娩记录，请核对出生时间和出生医院后补正",
            "MOTHER_IDENTITY_MISMATCH", "母亲身份证号码与医院分娩记录不一致，请核对后补正",
            "BIRTH_TIME_MISMATCH", "出生时间与医院分娩记录不一致，请核对后补正",
            "SEX_MISMATCH", "新生儿性别与医院分娩记录不一致，请核对后补正",
            "CERTIFICATE_NOT_ON_RECORD", "所填出生医学证明编号与医院分娩记录不一致，请核对后补正",
            "CERTIFICATE_ALREADY_ISSUED", "该新生儿的出生医学证明已经签发，请填写证明编号后补正（转为核验）");

    /** The delivery record the application matches, or the reason it matches none. */
    private record Match(DeliveryRecord record, String reason) {
    }

    private Match match(Newborn newborn, String motherIdNumber) {
        List<DeliveryRecord> thatMinute = records.at(newborn.hospitalCode(), newborn.birthTime());
        Optional<DeliveryRecord> found = thatMinute.stream()
                .filter(r -> records.isOfMother(r, motherIdNumber)).findFirst();
        if (found.isEmpty()) {
            if (!records.ofMother(newborn.hospitalCode(), motherIdNumber).isEmpty()) {
                return new Match(null, "BIRTH_TIME_MISMATCH");
            }
            return new Match(null, thatMinute.isEmpty() ? "DELIVERY_RECORD_NOT_FOUND" : "MOTHER_IDENTITY_MISMATCH");
        }
        DeliveryRecord record = found.get();
        String given = newborn.birthCertificateNumber();
        String reason = !record.sex().equals(newborn.sex()) ? "SEX_MISMATCH"
                : given != null && !given.equals(record.certificateNumber()) ? "CERTIFICATE_NOT_ON_RECORD"
                : given == null && record.certificateNumber() != null ? "CERTIFICATE_ALREADY_ISSUED"
                : null;
        return new Match(record, reason);
    }

    /** Issues (or, for a number the hospital gave, verifies) the certificate; also what staff approval does. */
    private void issue(UUID id, Certification certification) {
        Instant now = clock.instant();
        String given = certification.certificateNumber();
        boolean verified = given != null;
        String number = verified ? given : nextNumber(certification.region());
        // One certificate per birth: the number goes on the delivery record, and only once.
        if (!verified && jdbc.sql("""
                        update delivery_record set certificate_number = ?
                        where record_number = ? and certificate_number is null""")
                .params(number, certification.recordNumber())
                .update() == 0) {
            returned(id, "CERTIFICATE_ALREADY_ISSUED", MESSAGES.get("CERTIFICATE_ALREADY_ISSUED"));
            return;
        }
        Handover handover = handover(certification);
        int stored = jdbc.sql("""
                        insert into birth_certificate (application_id, certificate_number, verified, region,
                                                       hospital_code, household_county, issued_at, waybill_number,
                                                       carrier, collection_place, collector, collection_authorization)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, number, verified, certification.region(), certification.hospitalCode(),
                        certification.householdCounty(), Timestamp.from(now),
                        handover == null ? null : handover.waybillNumber(), handover == null ? null : handover.carrier(),
                        handover == null ? null : handover.collectionPlace(),
                        handover == null || handover.byMail() ? null : certification.collector(),
                        handover == null || handover.byMail() ? null : certification.collectionAuthorization())
                .update();
        if (stored == 0 && !verified) {
            // The series never repeats: a collision would be a fault, never a second certificate.
            returned(id, "CERTIFICATE_NUMBER_IN_USE", "该出生医学证明编号已被其他申请使用，请核对后补正");
            return;
        }
        // A verified number that another application holds is this birth's own (it is on this birth's
        // delivery record): an earlier application for it, withdrawn, since two open ones are refused at intake.
        // The birth as certified goes with the certificate: household registration registers it.
        Optional<DeliveryRecord> certified = records.find(certification.recordNumber());
        facts.publish(new BirthCertificateIssued(UUID.randomUUID(), id, now, number, verified,
                certified.map(r -> r.birthTime().withOffsetSameInstant(ChinaTime.OFFSET)).orElse(null),
                certified.map(DeliveryRecord::sex).orElse(null), handover));
    }

    /**
     * How the paper certificate reaches the family: mailed with a waybill, or collected at the issuing
     * hospital; none for a certificate the hospital issued before the application (already in hand).
     */
    private Handover handover(Certification certification) {
        if (certification.certificateNumber() != null) {
            return null;
        }
        return certification.mailed() ? Handover.mailed(properties.mail().carrier(), waybills.next())
                : Handover.collected(certification.collectionPlace());
    }

    private void returned(UUID id, String reasonCode, String message) {
        facts.returned(id, Item.BIRTH_CERT, reasonCode, message);
    }

    private String nextNumber(String region) {
        long serial = jdbc.sql("select nextval('birth_certificate_serial')").query(Long.class).single();
        return properties.seriesOf(region) + "%09d".formatted(serial);
    }
}
