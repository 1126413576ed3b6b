package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Maternity medical expenses were settled: {@code DIRECT} at discharge or {@code MANUAL} by claim. */
public record MaternityReimbursementSettled(UUID eventId, UUID applicationId, Instant occurredAt, String settlement,
                                            BigDecimal amount) implements ItemCompleted {

    @Override
    public Item item() {
        return Item.MATERNITY_REIMBURSEMENT;
    }

    @Override
    public Map<String, Object> result() {
        return Map.of("settlement", settlement, "amount", amount);
    }
}
