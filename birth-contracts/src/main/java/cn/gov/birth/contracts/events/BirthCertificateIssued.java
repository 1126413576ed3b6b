package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The birth medical certificate was issued, or, where the hospital had issued it before the
 * application (Jilin), verified: {@code verified} tells which.
 */
public record BirthCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt, String certificateNumber,
                                     boolean verified) implements ItemCompleted {

    @Override
    public Item item() {
        return Item.BIRTH_CERT;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("certificateNumber", certificateNumber);
    }
}
