package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import java.time.Instant;
import java.util.UUID;

/**
 * A department's answer to the family's 差评 or complaint, recorded on it and to be told to the
 * family: a message beside the application's status messages ({@code version} and {@code status}
 * are the application's when answered), to the same readers ({@code audience}) and phone.
 */
public record FamilyAnswered(UUID eventId, UUID applicationId, Instant occurredAt, String reference, String region,
                             long version, ApplicationStatus status, FollowUpKind kind, Department department,
                             Item item, String answer, String applicantPhone, Audience audience)
        implements BirthEvent {
}
