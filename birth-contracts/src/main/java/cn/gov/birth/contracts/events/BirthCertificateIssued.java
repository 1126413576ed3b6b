package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The birth medical certificate was issued, or verified where the hospital had issued it before the
 * application (Jilin). {@code birthTime} and {@code sex} are the birth as certified: what household
 * registration registers, even when it reads this before a correction of the form. {@code handover}
 * says how the paper certificate reaches the family: the waybill when mailed, the place to collect it
 * otherwise (null in events from before it was carried).
 */
public record BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                     boolean verified, OffsetDateTime birthTime, String sex, Handover handover)
        implements ItemCompleted {

    /** A certificate without its handover (null): an event from before the handover was carried. */
    public BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                  boolean verified, OffsetDateTime birthTime, String sex) {
        this(eventId, applicationId, occurredAt, certificateNumber, verified, birthTime, sex, null);
    }

    /** A certificate without the certified birth (null): an event from before the birth was carried. */
    public BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                  boolean verified) {
        this(eventId, applicationId, occurredAt, certificateNumber, verified, null, null, null);
    }

    @Override
    public Item item() {
        return Item.BIRTH_CERT;
    }

    @Override
    public Map<String, Object> result() {
        if (handover == null) {
            return Map.of("certificateNumber", certificateNumber);
        }
        return handover.byMail()
                ? Map.of("certificateNumber", certificateNumber, "carrier", handover.carrier(),
                "waybillNumber", handover.waybillNumber())
                : Map.of("certificateNumber", certificateNumber, "collectionPlace", handover.collectionPlace());
    }
}
