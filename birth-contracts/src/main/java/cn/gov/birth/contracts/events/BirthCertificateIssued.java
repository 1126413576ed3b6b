package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The birth medical certificate was issued, or verified where the hospital had issued it before the
 * application (Jilin). {@code birthTime} and {@code sex} are the birth as certified: what household
 * registration registers, even when it reads this before a correction of the form.
 */
public record BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                     boolean verified, OffsetDateTime birthTime, String sex) implements ItemCompleted {

    /** A certificate without the certified birth (null): an event from before the birth was carried. */
    public BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                  boolean verified) {
        this(eventId, applicationId, occurredAt, certificateNumber, verified, null, null);
    }

    @Override
    public Item item() {
        return Item.BIRTH_CERT;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("certificateNumber", certificateNumber);
    }
}
