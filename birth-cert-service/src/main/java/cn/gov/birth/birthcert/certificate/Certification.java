package cn.gov.birth.birthcert.certificate;

/**
 * What issuing the certificate needs once the delivery record matched; what staff see in a review task.
 *
 * @param certificateNumber the number the hospital already gave, to verify; null: a new one is issued
 * @param householdCounty   where the stub goes: the station that registers the birth
 */
public record Certification(String region, String hospitalCode, String recordNumber, String certificateNumber,
                            String householdCounty) {
}
