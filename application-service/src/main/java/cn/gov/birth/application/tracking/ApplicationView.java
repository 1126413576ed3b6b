package cn.gov.birth.application.tracking;

import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.Application.TimelineEntry;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.application.policy.RegionPolicy.ServiceCentre;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ETag;

/**
 * An application as the applicant sees it (api.md, {@code GET /applications/{id}}); added to the
 * shape of record: {@code deadline}, the promised completion date of the whole application;
 * {@code filing}, how and where it was filed and by whom; {@code materialsReceived}, the paper
 * materials a window checked (收件).
 */
public record ApplicationView(UUID id, String reference, String region, ApplicationStatus status, long version,
                              Acceptance acceptance, List<ItemView> items, List<TimelineEntry> timeline,
                              Instant submittedAt, Instant completedAt, LocalDate deadline, Filing filing,
                              List<ReceivedMaterial> materialsReceived) {

    /**
     * The entity tag of the application's {@code version}, which every change to the application
     * raises; weak, as the names a region's policy gives (a service centre's address, a material's
     * name) are shown from the policy as it is now.
     */
    public static ETag etag(long version) {
        return new ETag("v" + version, true);
    }

    /**
     * The channel, and for an application filed on the family's behalf where and by whom: the
     * service centre of a window (with its address, hours and phone), the hospital's code, the clerk
     * or staff member (their subject).
     */
    public record Filing(Channel channel, ServiceCentre serviceCentre, String hospital, String filedBy) {
    }

    /** A paper material checked at a window: its kind and name, the scan's reference, by whom, where and when. */
    public record ReceivedMaterial(String type, String name, String documentId, String receivedBy,
                                   String serviceCentre, Instant receivedAt) {
    }

    /** {@code pulledIn}: not chosen by the applicant but needed by a chosen item (the card needs household registration). */
    public record ItemView(Item item, Department department, ItemStatus status, LocalDate deadline, Reason reason,
                           Map<String, Object> result, Instant updatedAt, boolean pulledIn) {
    }

    public record Reason(String code, String message) {
    }
}
