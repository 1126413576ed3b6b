package cn.gov.birth.application.followup;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.core.Application;
import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a 差评's rectification and a complaint go: stored and sent to the answering
 * department's queue in one transaction ({@link FollowUpOpened} on its own topic); the department's
 * answer ({@link FollowUpAnswered}) recorded once and told to the family ({@link FamilyAnswered}).
 */
@Service
public class FollowUps {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    private final FollowUpRepository followUps;
    private final ApplicationRepository applications;
    private final Outbox outbox;
    private final WorkingCalendar calendar;
    private final FollowUpProperties properties;
    private final EvaluationProperties evaluations;
    private final Clock clock;

    FollowUps(FollowUpRepository followUps, ApplicationRepository applications, Outbox outbox,
              WorkingCalendar calendar, FollowUpProperties properties, EvaluationProperties evaluations, Clock clock) {
        this.followUps = followUps;
        this.applications = applications;
        this.outbox = outbox;
        this.calendar = calendar;
        this.properties = properties;
        this.evaluations = evaluations;
        this.clock = clock;
    }

    /** Who answers for an item: its department; for the service as a whole, the lead department. */
    public Department answering(Item item) {
        return item == null ? evaluations.leadDepartment() : item.department();
    }

    /** A 差评's deadlines: working days counted from the day (in China) it was made. */
    public Due rectificationDue(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ChinaTime.ZONE);
        return new Due(calendar.addWorkingDays(day, evaluations.contactWithinWorkingDays()),
                calendar.addWorkingDays(day, evaluations.answerWithinWorkingDays()));
    }

    /** When the family is to be contacted (null: no contact date is owed) and answered. */
    public record Due(LocalDate contactBy, LocalDate answerBy) {
    }

    /** Stores the follow-up and sends it to its department, in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(FollowUp followUp) {
        followUps.add(followUp);
        outbox.publish(Topics.applicationsFor(followUp.department()), new FollowUpOpened(UUID.randomUUID(),
                followUp.applicationId(), followUp.at(), followUp.id(), followUp.kind(), followUp.department(),
                followUp.item(), followUp.region(), followUp.score(), followUp.text(), followUp.contactDue(),
                followUp.answerDue()));
        log.info("{} {} of application {} sent to {}, answer due {}", followUp.kind(), followUp.id(),
                followUp.applicationId(), followUp.department(), followUp.answerDue());
    }

    /**
     * The family complains about its application (any time after filing), about one of its items or
     * the service as a whole (the lead department answers), to be answered within the configured
     * working days.
     */
    @Transactional
    public FollowUp complain(UUID applicationId, Item item, String text, String filedBy) {
        Application application = applications.lock(applicationId)
                .orElseThrow(() -> ApplicationAccess.notFound(applicationId));
        List<Item> items = application.form().items() == null ? List.of() : application.form().items();
        if (item != null && !items.contains(item)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Item not applied for",
                    "The application does not include " + item + ".");
        }
        Instant now = clock.instant();
        Department department = answering(item);
        LocalDate answerDue = calendar.addWorkingDays(LocalDate.ofInstant(now, ChinaTime.ZONE),
                properties.complaintAnswerWithinWorkingDays());
        FollowUp complaint = FollowUp.opened(applicationId, FollowUpKind.COMPLAINT, null, null, item,
                application.form().region(), department, text, filedBy, now, null, answerDue);
        open(complaint);
        return complaint;
    }

    /** The application's follow-ups of one kind (the family's complaints, say), with the departments' answers. */
    public List<FollowUp> of(UUID applicationId, FollowUpKind kind) {
        return followUps.of(applicationId, kind);
    }

    /**
     * Records the department's answer once (a redelivery changes nothing) and tells the family, to the
     * application's readers and phone; an application purged meanwhile has no one left to tell.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void answered(FollowUpAnswered answered) {
        followUps.answered(answered.followUpId(), answered.answer(), answered.contactedAt(), answered.occurredAt())
                .ifPresent(followUp -> applications.lock(followUp.applicationId()).ifPresent(application ->
                        outbox.publish(Topics.APPLICATION_STATUS, told(application, followUp))));
    }

    private FamilyAnswered told(Application application, FollowUp followUp) {
        var parties = application.parties();
        var applicant = application.form().applicant();
        return new FamilyAnswered(UUID.randomUUID(), application.id(), followUp.answeredAt(), application.reference(),
                application.form().region(), application.version(), application.status(), followUp.kind(),
                followUp.department(), followUp.item(), followUp.answer(), applicant == null ? null : applicant.phone(),
                new Audience(parties.submittedBy(), Stream.of(parties.motherIndex(), parties.fatherIndex())
                        .filter(Objects::nonNull).toList()));
    }
}
