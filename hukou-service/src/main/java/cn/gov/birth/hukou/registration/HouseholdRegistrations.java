package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.hukou.registration.CitizenRegistration.Birth;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewTask;
import cn.gov.birth.platform.web.ProblemException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Registers the birth in the household of the parent the newborn settles with, once the birth
 * certificate is issued; a certificate that was not issued cancels the registration. The form is
 * checked against the police's population register first: a mismatch the applicant can correct
 * returns the item, a cancelled registration of the settling parent rejects it. What the rules
 * cannot decide alone waits for the registration officers: a registration after the region's
 * registration period, a household county without a police station, or a county whose sequence
 * space for the day is used up (never a duplicate number).
 */
@Service
public class HouseholdRegistrations {

    private final RegisterCheck registerCheck;
    private final CitizenRegistration citizenRegistration;
    private final ReviewQueue<Birth> review;
    private final HukouProperties properties;
    private final ItemFacts facts;

    HouseholdRegistrations(RegisterCheck registerCheck, CitizenRegistration citizenRegistration,
                           ReviewQueue<Birth> review, HukouProperties properties, ItemFacts facts) {
        this.registerCheck = registerCheck;
        this.citizenRegistration = citizenRegistration;
        this.review = review;
        this.properties = properties;
        this.facts = facts;
        review.onApproval(Item.HUKOU, this::approve);
    }

    /** The registration, once the birth certificate is issued; runs in the event's transaction. */
    public void register(ApplicationSubmitted application, ItemCompleted certificate) {
        UUID id = application.applicationId();
        RegisterCheck.Finding finding = registerCheck.check(application);
        if (finding.rejects()) {
            facts.rejected(id, Item.HUKOU, finding.reasonCode(), finding.message());
            return;
        }
        if (!finding.matches()) {
            facts.returned(id, Item.HUKOU, finding.reasonCode(), finding.message());
            return;
        }
        var newborn = application.newborn();
        // The birth as certified, not as the form had it when this service last read it: a correction
        // of the form may still be on its way when the certificate issued on it arrives.
        BirthCertificateIssued certified = certificate instanceof BirthCertificateIssued issued
                && issued.birthTime() != null && issued.sex() != null ? issued : null;
        var birthTime = certified != null ? certified.birthTime() : newborn.birthTime();
        var sex = certified != null ? certified.sex() : newborn.sex();
        // The register, just checked against the form, says which county and household the newborn joins.
        var birth = new Birth(application.region(), finding.settling().householdDivision(),
                birthTime.atZoneSameInstant(ChinaTime.ZONE).toLocalDate(), sex,
                newborn.surname() + newborn.givenName(), finding.settling().householdNumber());
        Optional<Period> period = properties.registrationPeriodOf(application.region());
        // Counted to when the applicant applied (or corrected the form), not to when this department got to
        // it: time spent waiting for the certificate or for other departments is not the applicant's delay.
        LocalDate applied = LocalDate.ofInstant(application.occurredAt(), ChinaTime.ZONE);
        if (period.isPresent() && applied.isAfter(birth.birthDate().plus(period.get()))) {
            review.open(id, Item.HUKOU, "LATE_REGISTRATION", "已超过出生登记期限（出生后" + describe(period.get())
                    + "内），转户籍民警人工审核", birth);
            return;
        }
        switch (citizenRegistration.register(id, birth)) {
            case REGISTERED -> { }
            case NO_POLICE_STATION -> review.open(id, Item.HUKOU, "NO_POLICE_STATION",
                    "户籍所在地（" + birth.division() + "）尚无登记出生的派出所，转户籍民警人工处理", birth);
            case SEQUENCE_EXHAUSTED -> review.open(id, Item.HUKOU, "CITIZEN_ID_SEQUENCE_EXHAUSTED",
                    "该县当日出生登记顺序码已用尽，转户籍民警人工处理", birth);
        }
    }

    /**
     * Staff approval: the registration is made as the rules would; while the county still has no
     * station or no sequence left, approval is refused (409) and the task stays open.
     */
    private void approve(ReviewTask<Birth> task) {
        Birth birth = task.context();
        switch (citizenRegistration.register(task.applicationId(), birth)) {
            case REGISTERED -> { }
            case NO_POLICE_STATION -> throw new ProblemException(HttpStatus.CONFLICT, "No police station",
                    "户籍所在地（" + birth.division() + "）仍没有登记出生的派出所，无法登记；"
                            + "请先导入该县的派出所（police-stations），或退回或不予办理并说明原因。");
            case SEQUENCE_EXHAUSTED -> throw new ProblemException(HttpStatus.CONFLICT, "Sequence space used up",
                    "该县当日出生登记顺序码仍已用尽，无法赋号；请退回或不予办理并说明原因。");
        }
    }

    private static String describe(Period period) {
        return period.getYears() > 0 ? period.getYears() + "年" : period.getMonths() > 0
                ? period.getMonths() + "个月" : period.getDays() + "日";
    }
}
