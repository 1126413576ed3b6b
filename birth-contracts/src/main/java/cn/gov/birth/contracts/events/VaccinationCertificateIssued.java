package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The electronic vaccination certificate was created. */
public record VaccinationCertificateIssued(UUID eventId, UUID applicationId, Instant occurredAt,
                                           String certificateNumber) implements ItemCompleted {

    @Override
    public Item item() {
        return Item.VACCINATION;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("certificateNumber", certificateNumber);
    }
}
