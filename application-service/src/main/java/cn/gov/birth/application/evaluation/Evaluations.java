package cn.gov.birth.application.evaluation;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.deadlines.WorkingCalendar;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 好差评 (一事一评): the family rates a finished application once, and each finished item of it once.
 * A 差评 opens a rectification for the department that answers for it, due by the national deadlines.
 */
@Service
public class Evaluations {

    private final EvaluationRepository evaluations;
    private final WorkingCalendar calendar;
    private final EvaluationProperties properties;
    private final Clock clock;

    Evaluations(EvaluationRepository evaluations, WorkingCalendar calendar, EvaluationProperties properties,
                Clock clock) {
        this.evaluations = evaluations;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Evaluation evaluate(UUID applicationId, Item item, Level level, String comment, String evaluatedBy) {
        EvaluationRepository.Subject subject = evaluations.subject(applicationId)
                .orElseThrow(() -> ApplicationAccess.notFound(applicationId));
        Department department;
        if (item == null) {
            if (!subject.status().isFinal()) {
                throw notFinished("The application is " + subject.status() + ": it can be evaluated once finished.");
            }
            department = properties.leadDepartment();
        } else {
            ItemStatus status = subject.items().getOrDefault(item, ItemStatus.NOT_REQUESTED);
            if (status == ItemStatus.NOT_REQUESTED) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Item not applied for",
                        "The application does not include " + item + ".");
            }
            if (!status.isFinal()) {
                throw notFinished(item + " is " + status + ": it can be evaluated once finished.");
            }
            department = item.department();
        }
        Instant now = clock.instant();
        Evaluation evaluation = new Evaluation(applicationId, item, subject.region(), department, level, comment,
                evaluatedBy, now, level.isBad() ? rectification(now) : null);
        if (!evaluations.add(evaluation)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Already evaluated", (item == null ? "The application"
                    : item.toString()) + " has been evaluated already: one evaluation each.");
        }
        return evaluation;
    }

    /** Working days counted from the day of the evaluation, in China. */
    private Evaluation.Rectification rectification(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ChinaTime.ZONE);
        return new Evaluation.Rectification(calendar.addWorkingDays(day, properties.contactWithinWorkingDays()),
                calendar.addWorkingDays(day, properties.answerWithinWorkingDays()));
    }

    private static ProblemException notFinished(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Not finished yet", detail);
    }
}
