package cn.gov.birth.application.followup;

import cn.gov.birth.contracts.Department;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The follow-up of a 差评: contact the family within {@code contactWithinWorkingDays}, rectify and
 * answer within {@code answerWithinWorkingDays} (working days, counted from the day of the
 * evaluation); a 差评 of the service as a whole goes to the {@code leadDepartment}.
 */
@ConfigurationProperties("birth.evaluations")
public record EvaluationProperties(int contactWithinWorkingDays, int answerWithinWorkingDays,
                                   Department leadDepartment) {

    public EvaluationProperties {
        if (contactWithinWorkingDays < 0 || answerWithinWorkingDays < contactWithinWorkingDays) {
            throw new IllegalArgumentException("birth.evaluations: the answer is due no earlier than the contact, "
                    + "both in working days >= 0");
        }
        if (leadDepartment == null) {
            throw new IllegalArgumentException("birth.evaluations.lead-department is required");
        }
    }
}
