package cn.gov.birth.sscard.card;

/**
 * What the bank needs to make the card, and staff to decide on it.
 *
 * @param address where a mailed card goes, with its recipient; null when the form gave none
 * @param county  the household county (staff see it when the bank has no pickup branch there)
 */
record CardOrder(String applicationId, String region, String bankCode, String citizenIdNumber, String name,
                 String sex, String birthDate, String recipientName, String recipientPhone, String address,
                 String county) {
}
