package cn.gov.birth.application.evaluation;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.followup.FollowUp;
import cn.gov.birth.application.followup.FollowUps;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.platform.web.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 好差评 (一事一评): the family rates a finished application once, and each finished item of it once.
 * A 差评 opens a rectification for the department that answers for it, due by the national deadlines:
 * a follow-up ({@link FollowUps}) sent to that department's queue with the evaluation, in its transaction.
 */
@Service
public class Evaluations {

    private final EvaluationRepository evaluations;
    private final FollowUps followUps;
    private final Clock clock;

    Evaluations(EvaluationRepository evaluations, FollowUps followUps, Clock clock) {
        this.evaluations = evaluations;
        this.followUps = followUps;
        this.clock = clock;
    }

    @Transactional
    public Evaluation evaluate(UUID applicationId, Item item, Level level, String comment, String evaluatedBy) {
        EvaluationRepository.Subject subject = evaluations.subject(applicationId)
                .orElseThrow(() -> ApplicationAccess.notFound(applicationId));
        if (item == null) {
            if (!subject.status().isFinal()) {
                throw notFinished("The application is " + subject.status() + ": it can be evaluated once finished.");
            }
        } else {
            ItemStatus status = subject.items().getOrDefault(item, ItemStatus.NOT_REQUESTED);
            if (status == ItemStatus.NOT_REQUESTED) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Item not applied for",
                        "The application does not include " + item + ".");
            }
            if (!status.isFinal()) {
                throw notFinished(item + " is " + status + ": it can be evaluated once finished.");
            }
        }
        Department department = followUps.answering(item);
        Instant now = clock.instant();
        FollowUps.Due due = level.isBad() ? followUps.rectificationDue(now) : null;
        Evaluation evaluation = new Evaluation(applicationId, item, subject.region(), department, level, comment,
                evaluatedBy, now, due == null ? null : new Evaluation.Rectification(due.contactBy(), due.answerBy()));
        long id = evaluations.add(evaluation).orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT,
                "Already evaluated", (item == null ? "The application" : item.toString())
                        + " has been evaluated already: one evaluation each."));
        if (due != null) {
            followUps.open(FollowUp.opened(applicationId, FollowUpKind.RECTIFICATION, id, level.score(), item,
                    subject.region(), department, comment, evaluatedBy, now, due.contactBy(), due.answerBy()));
        }
        return evaluation;
    }

    private static ProblemException notFinished(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Not finished yet", detail);
    }
}
