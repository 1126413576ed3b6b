package cn.gov.birth.application.core;

import cn.gov.birth.application.policy.RegionPolicy.HouseholdType;
import cn.gov.birth.contracts.Item;
import java.time.OffsetDateTime;
import java.util.List;

/** The one-table form (一表申请) as the portal posts it; see api.md for the contract. */
public record ApplicationRequest(String region, String channel, List<Item> items, Applicant applicant, Parent mother,
                                 Parent father, Marriage marriage, Newborn newborn, Household household,
                                 Insurance insurance, Reimbursement reimbursement, Card socialSecurityCard,
                                 Delivery delivery, String ethnicityConfirmation, List<Material> materials,
                                 Boolean promise) {

    public record Applicant(String relation, String phone, String authorizationDocumentId) {
    }

    /** {@code householdType} is the kind of household (户别) the parent is registered in; FAMILY when left out. */
    public record Parent(String name, String idType, String idNumber, String ethnicity, String nationality,
                         String householdDivision, String householdAddress, String currentAddress, String phone,
                         String householdType) {

        public HouseholdType householdTypeValue() {
            return householdType == null ? HouseholdType.FAMILY : HouseholdType.valueOf(householdType);
        }
    }

    public record Marriage(String status, String certificateNumber) {
    }

    /** {@code birthTime} is ISO-8601 with offset; kept as text so that a bad value is a field error. */
    public record Newborn(String surname, String givenName, String sex, String birthTime, String ethnicity,
                          String birthDivision, String hospitalCode, String birthCertificateNumber) {

        public OffsetDateTime birthTimeValue() {
            return OffsetDateTime.parse(birthTime);
        }
    }

    public record Household(String settleWith, String headName, String headIdNumber, String relationToHead,
                            String nativePlace) {
    }

    public record Insurance(String insuredDivision, List<String> years) {
    }

    public record Reimbursement(String bankName, String accountNumber, String accountHolder) {
    }

    public record Card(String bankCode) {
    }

    public record Recipient(String name, String phone, String address) {
    }

    /**
     * How each result reaches the family. {@code birthCertificateCollector} says who collects the paper
     * certificate in person (MOTHER when left out); {@code collectionAuthorizationDocumentId} is the
     * mother's signed authorization where the region requires one for that collector (Guangxi: the father).
     */
    public record Delivery(String birthCertificate, String socialSecurityCard, Recipient recipient,
                           String birthCertificateCollector, String collectionAuthorizationDocumentId) {

        public String collectorValue() {
            return birthCertificateCollector == null ? "MOTHER" : birthCertificateCollector;
        }
    }

    public record Material(String type, String documentId) {
    }

    /** The parent the newborn's household registration settles with. */
    public Parent settlingParent() {
        return household == null ? null : "MOTHER".equals(household.settleWith()) ? mother : father;
    }

    /** The other parent, with whom the newborn does not settle. */
    public Parent otherParent() {
        return household == null ? null : "MOTHER".equals(household.settleWith()) ? father : mother;
    }
}
