package cn.gov.birth.contracts.events;

import java.time.OffsetDateTime;
import java.util.List;

/** The parts of the one-table form that departments need, as carried by {@link ApplicationSubmitted}. */
public final class ApplicationForm {

    public record Applicant(String relation, String phone) {
    }

    public record Person(String name, String idType, String idNumber, String ethnicity, String nationality,
                         String householdDivision, String householdAddress, String phone) {
    }

    public record Newborn(String surname, String givenName, String sex, OffsetDateTime birthTime, String ethnicity,
                          String birthDivision, String hospitalCode, String birthCertificateNumber) {
    }

    /** {@code settleWith} is FATHER or MOTHER; {@code division} is that parent's household county. */
    public record Household(String settleWith, String division, String headName, String headIdNumber,
                            String relationToHead, String nativePlace) {
    }

    public record Insurance(String insuredDivision, List<String> years) {

        public Insurance {
            years = years == null ? null : List.copyOf(years);
        }
    }

    public record Reimbursement(String bankName, String accountNumber, String accountHolder) {
    }

    public record Card(String bankCode) {
    }

    public record Recipient(String name, String phone, String address) {
    }

    /**
     * How the certificate and the card reach the family; who collects the certificate in person
     * (null: the mother) and the mother's authorization for that collector where the region requires one.
     */
    public record Delivery(String birthCertificate, String socialSecurityCard, Recipient recipient,
                           String birthCertificateCollector, String collectionAuthorizationDocumentId) {

        public Delivery(String birthCertificate, String socialSecurityCard, Recipient recipient) {
            this(birthCertificate, socialSecurityCard, recipient, null, null);
        }
    }

    private ApplicationForm() {
    }
}
