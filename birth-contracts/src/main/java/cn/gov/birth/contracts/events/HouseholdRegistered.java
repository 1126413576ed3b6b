package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The newborn's birth was registered in a household and the citizen identification number
 * assigned; insurance enrollment and the social security card wait for this fact.
 */
public record HouseholdRegistered(UUID eventId, UUID applicationId, Instant occurredAt, String citizenIdNumber,
                                  String householdDivision, String policeStation) implements ItemCompleted {

    @Override
    public Item item() {
        return Item.HUKOU;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("citizenIdNumber", citizenIdNumber, "policeStation", policeStation);
    }
}
