package cn.gov.birth.insurance.review;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;

/**
 * What insurance officers see in a review task, one record per kind of case. Stored without a
 * type name: each kind is told apart by its fields, as in the tasks stored before these records.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
@JsonSubTypes({@JsonSubTypes.Type(InsuranceCase.Enrollment.class), @JsonSubTypes.Type(InsuranceCase.FailedOrder.class),
        @JsonSubTypes.Type(InsuranceCase.ManualClaim.class)})
public sealed interface InsuranceCase {

    /** An enrollment to decide on (staff see it when its contribution was not set): what it is decided on. */
    record Enrollment(String region, String citizenIdNumber, String newbornName, LocalDate birthDate,
                      String insuredDivision, List<String> years) implements InsuranceCase {
    }

    /** A payment order the tax channel did not take. */
    record FailedOrder(String orderId) implements InsuranceCase {
    }

    /** A maternity claim to reimburse by hand; the account masked. */
    record ManualClaim(String region, String hospitalCode, String hospitalName, String bankName, String accountNumber,
                       String accountHolder, int processingWorkingDays) implements InsuranceCase {
    }
}
