package cn.gov.birth.application.tracking;

import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.Application.TimelineEntry;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application as the applicant sees it (api.md, {@code GET /applications/{id}}); {@code deadline}
 * is the promised completion date of the whole application, added to the shape of record.
 */
public record ApplicationView(UUID id, String reference, String region, ApplicationStatus status, long version,
                              Acceptance acceptance, List<ItemView> items, List<TimelineEntry> timeline,
                              Instant submittedAt, Instant completedAt, LocalDate deadline) {

    /** {@code pulledIn}: not chosen by the applicant but needed by a chosen item (the card needs household registration). */
    public record ItemView(Item item, Department department, ItemStatus status, LocalDate deadline, Reason reason,
                           Map<String, Object> result, Instant updatedAt, boolean pulledIn) {
    }

    public record Reason(String code, String message) {
    }
}
