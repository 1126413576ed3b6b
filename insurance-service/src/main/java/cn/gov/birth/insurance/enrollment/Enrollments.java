package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.DependentItem;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolls the newborn in resident medical insurance once the household registration gave it a
 * citizen ID number; a registration that did not happen cancels the enrollment.
 */
@Service
public class Enrollments {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private final DependentItem enrollment;
    private final InsurancePolicy policy;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    Enrollments(Rendezvous rendezvous, InsurancePolicy policy, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.enrollment = new DependentItem(Item.MEDICAL_INSURANCE, Item.HUKOU, Topics.INSURANCE, rendezvous, outbox,
                clock, this::enroll);
        this.policy = policy;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        enrollment.onApplication(application);
    }

    /** A supplement: the corrected form, for an item still waiting or one returned for it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onSupplement(ApplicationSupplemented supplement) {
        enrollment.onSupplement(supplement);
    }

    /** Facts about the household registration: its final outcome starts or cancels the enrollment. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onHousehold(ItemFact fact) {
        enrollment.onUpstreamFact(fact);
    }

    private void enroll(ApplicationSubmitted application, ItemCompleted household) {
        HouseholdRegistered registered = (HouseholdRegistered) household;
        Instant now = clock.instant();
        UUID id = application.applicationId();
        LocalDate birthDate = application.newborn().birthTime().atZoneSameInstant(CHINA).toLocalDate();
        List<String> years = application.insurance() == null ? List.of("CURRENT") : application.insurance().years();
        var coverage = CoverageRule.of(policy.of(application.region()), birthDate, LocalDate.ofInstant(now, CHINA),
                years);
        jdbc.sql("""
                        insert into insurance_enrollment (application_id, citizen_id_number, region, insured_years,
                                                          contribution_due, coverage_start, coverage_end, enrolled_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, registered.citizenIdNumber(), application.region(),
                        coverage.years().toArray(Integer[]::new), coverage.contributionDue(), coverage.start(),
                        coverage.end(), Timestamp.from(now))
                .update();
        outbox.publish(Topics.INSURANCE, new MedicalInsuranceEnrolled(UUID.randomUUID(), id, now, coverage.years(),
                coverage.contributionDue(), coverage.start(), coverage.end()));
    }
}
