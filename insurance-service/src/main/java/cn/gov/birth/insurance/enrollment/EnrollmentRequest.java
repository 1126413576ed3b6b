package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.insurance.review.InsuranceCase;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the enrollment decides on: the form's insurance section and the newborn's citizen ID number
 * from the household registration. Kept as a review task's context while staff look at it.
 */
record EnrollmentRequest(UUID applicationId, String region, String citizenIdNumber, String newbornName,
                         LocalDate birthDate, String insuredDivision, List<String> years) {


    static EnrollmentRequest of(ApplicationSubmitted application, HouseholdRegistered registered) {
        var insurance = application.insurance();
        var newborn = application.newborn();
        return new EnrollmentRequest(application.applicationId(), application.region(),
                registered.citizenIdNumber(), newborn.surname() + newborn.givenName(),
                newborn.birthTime().atZoneSameInstant(ChinaTime.ZONE).toLocalDate(),
                insurance == null ? null : insurance.insuredDivision(),
                insurance == null || insurance.years() == null || insurance.years().isEmpty() ? List.of("CURRENT")
                        : insurance.years());
    }

    InsuranceCase.Enrollment context() {
        return new InsuranceCase.Enrollment(region, citizenIdNumber, newbornName, birthDate, insuredDivision, years);
    }

    static EnrollmentRequest fromContext(UUID applicationId, InsuranceCase.Enrollment context) {
        return new EnrollmentRequest(applicationId, context.region(), context.citizenIdNumber(), context.newbornName(),
                context.birthDate(), context.insuredDivision(), List.copyOf(context.years()));
    }
}
