package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import java.time.Instant;
import java.util.UUID;

/** The department's staff answered a follow-up ({@link FollowUpOpened}): the answer for the family, once. */
public record FollowUpAnswered(UUID eventId, UUID applicationId, Instant occurredAt, UUID followUpId,
                               FollowUpKind kind, Department department, String answer, Instant contactedAt)
        implements BirthEvent {
}
