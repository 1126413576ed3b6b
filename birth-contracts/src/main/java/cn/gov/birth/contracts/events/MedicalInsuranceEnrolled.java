package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The newborn was enrolled in resident basic medical insurance for the given years. */
public record MedicalInsuranceEnrolled(UUID eventId, UUID applicationId, Instant occurredAt, List<Integer> insuredYears,
                                       BigDecimal contributionDue, LocalDate coverageStart, LocalDate coverageEnd)
        implements ItemCompleted {

    public MedicalInsuranceEnrolled {
        insuredYears = List.copyOf(insuredYears);
    }

    @Override
    public Item item() {
        return Item.MEDICAL_INSURANCE;
    }

    @Override
    public Map<String, Object> result() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("insuredYears", insuredYears);
        result.put("contributionDue", contributionDue);
        result.put("coverageStart", coverageStart.toString());
        result.put("coverageEnd", coverageEnd.toString());
        return result;
    }
}
