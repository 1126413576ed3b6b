package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.DependentItem;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.review.ReviewQueue;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the birth in the household of the parent the newborn settles with, once the birth
 * certificate is issued; a certificate that was not issued cancels the registration. What the
 * rules cannot decide alone waits for the registration officers: a registration after the
 * region's registration period, or a county whose sequence space for the day is used up (never a
 * duplicate number).
 */
@Service
public class HouseholdRegistrations {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DependentItem registration;
    private final CitizenRegistration citizenRegistration;
    private final ReviewQueue review;
    private final HukouProperties properties;
    private final Clock clock;

    HouseholdRegistrations(Rendezvous rendezvous, CitizenRegistration citizenRegistration, ReviewQueue review,
                           HukouProperties properties, Outbox outbox, Clock clock) {
        this.registration = new DependentItem(Item.HUKOU, Item.BIRTH_CERT, Topics.HUKOU, rendezvous, outbox, clock,
                this::register);
        this.citizenRegistration = citizenRegistration;
        this.review = review;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        registration.onApplication(application);
    }

    /** A supplement: the corrected form, for an item still waiting or one returned for it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onSupplement(ApplicationSupplemented supplement) {
        registration.onSupplement(supplement);
    }

    /** Facts about the birth certificate: its final outcome starts or cancels the registration. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onBirthCertificate(ItemFact fact) {
        registration.onUpstreamFact(fact);
    }

    private void register(ApplicationSubmitted application, ItemCompleted certificate) {
        UUID id = application.applicationId();
        var newborn = application.newborn();
        String division = application.household() != null && application.household().division() != null
                ? application.household().division() : newborn.birthDivision();
        var birth = new CitizenRegistration.Birth(application.region(), division,
                newborn.birthTime().atZoneSameInstant(CHINA).toLocalDate(), newborn.sex());
        Optional<Period> period = properties.registrationPeriodOf(application.region());
        if (period.isPresent() && LocalDate.now(clock.withZone(CHINA)).isAfter(birth.birthDate().plus(period.get()))) {
            review.open(id, Item.HUKOU, "LATE_REGISTRATION", "已超过出生登记期限（出生后" + describe(period.get())
                    + "内），转户籍民警人工审核", birth.context());
            return;
        }
        if (!citizenRegistration.register(id, birth)) {
            review.open(id, Item.HUKOU, "CITIZEN_ID_SEQUENCE_EXHAUSTED",
                    "该县当日出生登记顺序码已用尽，转户籍民警人工处理", birth.context());
        }
    }

    private static String describe(Period period) {
        return period.getYears() > 0 ? period.getYears() + "年" : period.getMonths() > 0
                ? period.getMonths() + "个月" : period.getDays() + "日";
    }
}
