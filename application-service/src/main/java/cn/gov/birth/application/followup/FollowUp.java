package cn.gov.birth.application.followup;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What a department owes the family: the rectification of a 差评 ({@code evaluationId}, {@code score})
 * or a complaint, due by {@code answerDue} (a 差评's contact by {@code contactDue}), and its answer
 * once the department gave it. {@code text} is the family's words (a complaint's; a 差评's comment).
 */
public record FollowUp(UUID id, UUID applicationId, FollowUpKind kind, Long evaluationId, Integer score, Item item,
                       String region, Department department, String text, String filedBy, Instant at,
                       LocalDate contactDue, LocalDate answerDue, Instant contactedAt, String answer,
                       Instant answeredAt) {

    /** A new follow-up, not answered yet. */
    public static FollowUp opened(UUID applicationId, FollowUpKind kind, Long evaluationId, Integer score, Item item,
                                  String region, Department department, String text, String filedBy, Instant at,
                                  LocalDate contactDue, LocalDate answerDue) {
        return new FollowUp(UUID.randomUUID(), applicationId, kind, evaluationId, score, item, region, department,
                text, filedBy, at, contactDue, answerDue, null, null, null);
    }
}
