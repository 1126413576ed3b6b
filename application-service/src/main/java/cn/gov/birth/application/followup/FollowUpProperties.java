package cn.gov.birth.application.followup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A complaint is answered within {@code complaintAnswerWithinWorkingDays} working days of being filed
 * (12345 hotline practice: 15). A 差评's deadlines are the evaluations' ({@code birth.evaluations}).
 */
@ConfigurationProperties("birth.follow-ups")
public record FollowUpProperties(int complaintAnswerWithinWorkingDays) {

    public FollowUpProperties {
        if (complaintAnswerWithinWorkingDays < 1) {
            throw new IllegalArgumentException("birth.follow-ups.complaint-answer-within-working-days must be >= 1");
        }
    }
}
