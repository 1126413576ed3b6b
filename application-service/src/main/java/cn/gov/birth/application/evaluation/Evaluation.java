package cn.gov.birth.application.evaluation;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One 好差评 of a finished application ({@code item} null) or of one finished item, and the
 * department that answers for it (the item's; for the service as a whole, the lead department).
 * A 差评 carries the rectification that department owes; any other evaluation has none.
 */
public record Evaluation(UUID applicationId, Item item, String region, Department department, Level level,
                         String comment, String evaluatedBy, Instant at, Rectification rectification) {

    /** What a 差评 opens: the department contacts the family by one day, rectifies and answers by the other. */
    public record Rectification(LocalDate contactDue, LocalDate answerDue) {
    }
}
