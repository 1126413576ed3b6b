package cn.gov.birth.birthcert.certificate;

/**
 * What issuing the certificate needs once the delivery record matched; what staff see in a review task.
 *
 * @param certificateNumber       the number the hospital already gave, to verify; null: a new one is issued
 * @param householdCounty         where the stub goes: the station that registers the birth
 * @param mailed                  the family chose to have the paper certificate mailed
 * @param collectionPlace         otherwise where it is collected: the issuing hospital
 * @param collector               who collects it (MOTHER, FATHER)
 * @param collectionAuthorization the mother's authorization for that collector, where given
 */
public record Certification(String region, String hospitalCode, String recordNumber, String certificateNumber,
                            String householdCounty, boolean mailed, String collectionPlace, String collector,
                            String collectionAuthorization) {
}
