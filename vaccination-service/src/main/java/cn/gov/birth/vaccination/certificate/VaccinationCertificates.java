package cn.gov.birth.vaccination.certificate;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.TableImport;
import cn.gov.birth.vaccination.reference.FirstDoses;
import cn.gov.birth.vaccination.reference.FirstDoses.FirstDose;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the electronic vaccination certificate ({@code V} + region + eight-digit serial) once
 * the delivery hospital has recorded the newborn's hepatitis B first dose, on the CDC's own
 * first-dose records, not on the form; the paper card is picked up at the hospital. Without a
 * record yet the item waits, and the import that brings the record decides it. A deferred first
 * dose waits for CDC staff; a newborn past the region's certificate deadline is left to the
 * community vaccination clinic.
 */
@Service
public class VaccinationCertificates {

    private static final Logger log = LoggerFactory.getLogger(VaccinationCertificates.class);

    private static final Map<String, String> MESSAGES = Map.of(
            "BIRTH_TIME_MISMATCH", "出生时间与医院报告的新生儿首针接种记录不一致，请核对出生时间后补正",
            "HOSPITAL_MISMATCH", "出生医院与报告新生儿首针接种记录的医院不一致，请核对出生医院后补正",
            "FIRST_DOSE_DEFERRED", "新生儿乙肝疫苗首针暂缓接种（接种禁忌），转疾控工作人员核实后办理预防接种证");

    /** How far apart the form's birth time and a record's may be and still be one birth, mistyped. */
    private static final Duration SAME_BIRTH = Duration.ofDays(2);

    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final ItemFacts facts;
    private final FirstDoses doses;
    private final ReviewQueue<DeferredDose> review;
    private final VaccinationProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;

    VaccinationCertificates(JdbcClient jdbc, ColumnProtection protection, ItemFacts facts, FirstDoses doses,
                            ReviewQueue<DeferredDose> review, VaccinationProperties properties, Clock clock,
                            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.facts = facts;
        this.doses = doses;
        this.review = review;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        // What CDC staff approval of a deferred first dose does: the certificate records the deferral.
        review.onApproval(Item.VACCINATION, task -> issue(task.applicationId(), task.context().region(),
                task.context().hospitalCode(), true));
    }

    /** What a decision needs of the form: the mother by her ID number's index, the birth time to the minute. */
    record Request(UUID applicationId, String region, String motherIdNumberIndex, OffsetDateTime birthTime,
                   String hospitalCode) {
    }

    /** How many waiting items one transaction decides again after an import. */
    private static final int RESUME_BATCH = 200;

    /** Decides on an accepted application, or on a corrected one after a return. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (facts.start(application, Item.VACCINATION)) {
            doses.lockForDecision();
            decideOn(application);
        }
    }

    /**
     * A supplement: a returned item is decided again on the corrected form; an item still waiting
     * for its dose record is decided on the corrected form too (it may match records already here).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onSupplement(ApplicationSupplemented supplement) {
        if (supplement.resumes(Item.VACCINATION)) {
            on(supplement.corrected());
            return;
        }
        doses.lockForDecision();
        boolean waiting = jdbc.sql("select waiting_for_dose from vaccination_request where application_id = ? for update")
                .param(supplement.applicationId())
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (waiting) {
            decideOn(supplement.corrected());
        }
    }

    /**
     * Stops the item waiting before the withdrawal cancels it; the row lock makes an import deciding
     * it at the same time either go first or find it no longer waiting.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onWithdrawn(ApplicationWithdrawn withdrawn) {
        jdbc.sql("update vaccination_request set waiting_for_dose = false where application_id = ?")
                .param(withdrawn.applicationId())
                .update();
    }

    /**
     * Once an import of first doses has committed, the items waiting for a record that now have one
     * of their mother's are decided again, a batch to a transaction (an item a decision holds just
     * then is that decision's). An item still without its hepatitis B dose goes on waiting.
     */
    @EventListener
    public void onImported(TableImport.TableImported imported) {
        if (!imported.table().equals(doses.table().name())) {
            return;
        }
        UUID after = new UUID(0, 0);
        int decided = 0;
        for (List<Request> batch = waitingAfter(after); !batch.isEmpty(); batch = waitingAfter(after)) {
            after = batch.getLast().applicationId();
            decided += batch.size();
        }
        if (decided > 0) {
            log.info("{} vaccination item(s) waiting for a first-dose record decided again after the import", decided);
        }
    }

    /** Decides the next batch of waiting items with a dose of their mother's recorded, in one transaction. */
    private List<Request> waitingAfter(UUID after) {
        return transactions.execute(status -> {
            doses.lockForDecision();
            List<Request> waiting = jdbc.sql("""
                            select application_id, region, mother_id_number_index, birth_time, hospital_code
                            from vaccination_request r
                            where waiting_for_dose and application_id > ? and exists (select 1 from first_dose d
                                  where d.mother_id_number_index = r.mother_id_number_index)
                            order by application_id limit ? for update skip locked""")
                    .params(after, RESUME_BATCH)
                    .query((rs, row) -> new Request(rs.getObject("application_id", UUID.class),
                            rs.getString("region"), rs.getString("mother_id_number_index"),
                            rs.getObject("birth_time", OffsetDateTime.class), rs.getString("hospital_code")))
                    .list();
            waiting.forEach(this::decide);
            return waiting;
        });
    }

    /** Keeps the form's matching data and decides; the caller holds the decision lock. */
    private void decideOn(ApplicationSubmitted form) {
        UUID id = form.applicationId();
        OffsetDateTime birthTime = form.newborn().birthTime();
        // The submission time is kept from the first form: a correction does not move the deadline.
        Instant submittedAt = jdbc.sql("""
                        insert into vaccination_request (application_id, region, mother_id_number_index, birth_time,
                                                         hospital_code, submitted_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (application_id) do update set region = excluded.region,
                               mother_id_number_index = excluded.mother_id_number_index,
                               birth_time = excluded.birth_time, hospital_code = excluded.hospital_code
                        returning submitted_at""")
                .params(id, form.region(), protection.index(form.mother().idNumber()), Timestamp.from(FirstDoses.minute(birthTime)),
                        form.newborn().hospitalCode(), Timestamp.from(form.occurredAt()))
                .query(Timestamp.class)
                .single()
                .toInstant();
        Optional<Period> deadline = properties.certificateDeadlineOf(form.region());
        if (deadline.isPresent() && birthTime.plus(deadline.get()).toInstant().isBefore(submittedAt)) {
            facts.rejected(id, Item.VACCINATION, "CERTIFICATE_PERIOD_EXPIRED", "新生儿出生已超过"
                    + describe(deadline.get()) + "，预防接种证不能通过联办办理，请携带新生儿和接种记录到居住地社区预防接种门诊办理");
            return;
        }
        decide(new Request(id, form.region(), protection.index(form.mother().idNumber()),
                FirstDoses.minute(birthTime).atOffset(birthTime.getOffset()), form.newborn().hospitalCode()));
    }

    private void decide(Request request) {
        // Only doses of a birth near the form's say the birth time is wrong; an earlier child's doses
        // say nothing about this one, whose record may simply not be in yet.
        List<FirstDose> ofMother = doses.ofMotherIndex(request.motherIdNumberIndex()).stream()
                .filter(d -> Duration.between(d.birthTime().toInstant(), request.birthTime().toInstant()).abs()
                        .compareTo(SAME_BIRTH) <= 0)
                .toList();
        List<FirstDose> ofThisBirth = ofMother.stream()
                .filter(d -> d.birthTime().toInstant().equals(request.birthTime().toInstant())).toList();
        Optional<FirstDose> hepatitisB = ofThisBirth.stream()
                .filter(d -> d.vaccine().equals(FirstDoses.HEPATITIS_B)).findFirst();
        // Where the hepatitis B dose was given is where the birth was; before it is recorded, any dose of that birth says.
        boolean atFormHospital = hepatitisB.map(d -> d.hospitalCode().equals(request.hospitalCode()))
                .orElseGet(() -> ofThisBirth.stream().anyMatch(d -> d.hospitalCode().equals(request.hospitalCode())));
        String mismatch = ofMother.isEmpty() ? null
                : ofThisBirth.isEmpty() ? "BIRTH_TIME_MISMATCH"
                : !atFormHospital ? "HOSPITAL_MISMATCH"
                : null;
        boolean waits = ofMother.isEmpty() || mismatch == null && hepatitisB.isEmpty();
        jdbc.sql("update vaccination_request set waiting_for_dose = ? where application_id = ?")
                .params(waits, request.applicationId())
                .update();
        UUID id = request.applicationId();
        if (waits) {
            log.info("Vaccination of application {} waits for the hospital's hepatitis B first-dose record", id);
        } else if (mismatch != null) {
            facts.returned(id, Item.VACCINATION, mismatch, MESSAGES.get(mismatch));
        } else if (hepatitisB.get().status().equals(FirstDoses.DEFERRED)) {
            review.open(id, Item.VACCINATION, "FIRST_DOSE_DEFERRED", MESSAGES.get("FIRST_DOSE_DEFERRED"),
                    new DeferredDose(request.region(), request.hospitalCode(), FirstDoses.HEPATITIS_B,
                            FirstDoses.DEFERRED));
        } else {
            issue(id, request.region(), request.hospitalCode(), false);
        }
    }

    private void issue(UUID id, String region, String hospitalCode, boolean firstDoseDeferred) {
        Instant now = clock.instant();
        long serial = jdbc.sql("select nextval('vaccination_certificate_serial')").query(Long.class).single();
        String number = "V" + region + "%08d".formatted(serial);
        jdbc.sql("""
                        insert into vaccination_certificate (application_id, certificate_number, region, hospital_code,
                                                             issued_at, first_dose_deferred)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(id, number, region, hospitalCode, Timestamp.from(now), firstDoseDeferred)
                .update();
        facts.publish(new VaccinationCertificateIssued(UUID.randomUUID(), id, now, number));
    }

    /** {@code P1Y} → 1年, {@code P6M} → 6个月, as the message to the applicant says it. */
    private static String describe(Period period) {
        return (period.getYears() > 0 ? period.getYears() + "年" : "")
                + (period.getMonths() > 0 ? period.getMonths() + "个月" : "")
                + (period.getDays() > 0 ? period.getDays() + "天" : "");
    }
}
