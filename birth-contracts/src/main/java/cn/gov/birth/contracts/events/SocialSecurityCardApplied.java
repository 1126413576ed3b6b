package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The chosen bank made the newborn's social security card ({@code cardStatus} MADE, reported by
 * the bank's callback); {@code pickupBranch} is the branch where it is collected, 邮寄 when mailed.
 */
public record SocialSecurityCardApplied(UUID eventId, UUID applicationId, Instant occurredAt, String bankCode,
                                        String cardStatus, String pickupBranch) implements ItemCompleted {

    @Override
    public Item item() {
        return Item.SOCIAL_SECURITY_CARD;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bankCode", bankCode);
        result.put("cardStatus", cardStatus);
        result.put("pickupBranch", pickupBranch);
        return result;
    }
}
