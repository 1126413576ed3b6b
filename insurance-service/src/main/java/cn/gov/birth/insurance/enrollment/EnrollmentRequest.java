package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the enrollment decides on: the form's insurance section and the newborn's citizen ID number
 * from the household registration. Kept as a review task's context while staff look at it.
 */
record EnrollmentRequest(UUID applicationId, String region, String citizenIdNumber, String newbornName,
                         LocalDate birthDate, String insuredDivision, List<String> years) {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static EnrollmentRequest of(ApplicationSubmitted application, HouseholdRegistered registered) {
        var insurance = application.insurance();
        var newborn = application.newborn();
        return new EnrollmentRequest(application.applicationId(), application.region(),
                registered.citizenIdNumber(), newborn.surname() + newborn.givenName(),
                newborn.birthTime().atZoneSameInstant(CHINA).toLocalDate(),
                insurance == null ? null : insurance.insuredDivision(),
                insurance == null || insurance.years() == null || insurance.years().isEmpty() ? List.of("CURRENT")
                        : insurance.years());
    }

    Map<String, Object> context() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("region", region);
        context.put("citizenIdNumber", citizenIdNumber);
        context.put("newbornName", newbornName);
        context.put("birthDate", birthDate.toString());
        context.put("insuredDivision", insuredDivision);
        context.put("years", years);
        return context;
    }

    @SuppressWarnings("unchecked")
    static EnrollmentRequest fromContext(UUID applicationId, Map<String, Object> context) {
        return new EnrollmentRequest(applicationId, (String) context.get("region"),
                (String) context.get("citizenIdNumber"), (String) context.get("newbornName"),
                LocalDate.parse((String) context.get("birthDate")), (String) context.get("insuredDivision"),
                List.copyOf((List<String>) context.get("years")));
    }
}
