package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Maternity medical expenses were settled: {@code DIRECT} at discharge or {@code MANUAL} by claim. A
 * manual claim is paid the amount the insurance officers assessed, into the bank account the family
 * gave: {@code paidToBank} and {@code paidToAccount} (masked) say where; null for a direct settlement.
 */
public record MaternityReimbursementSettled(UUID eventId, UUID applicationId, Instant occurredAt, String settlement,
                                            BigDecimal amount, String paidToBank, String paidToAccount)
        implements ItemCompleted {

    @Override
    public Item item() {
        return Item.MATERNITY_REIMBURSEMENT;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("settlement", settlement);
        result.put("amount", amount);
        if (paidToBank != null) {
            result.put("paidToBank", paidToBank);
            result.put("paidToAccount", paidToAccount);
        }
        return result;
    }
}
