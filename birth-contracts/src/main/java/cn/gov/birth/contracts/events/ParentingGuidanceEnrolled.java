package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** The family was enrolled in the 0-1 year parenting guidance service. */
public record ParentingGuidanceEnrolled(UUID eventId, UUID applicationId, Instant occurredAt, LocalDate enrolledUntil)
        implements ItemCompleted {

    @Override
    public Item item() {
        return Item.PARENTING_GUIDANCE;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("enrolledUntil", enrolledUntil.toString());
    }
}
