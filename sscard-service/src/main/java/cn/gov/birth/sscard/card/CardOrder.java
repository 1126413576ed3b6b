package cn.gov.birth.sscard.card;

/**
 * What the bank needs to make the card, and staff to decide on it.
 *
 * @param address where a mailed card goes, with its recipient; null when the form gave none
 * @param county  the household county without a pickup branch, for staff; null otherwise
 */
record CardOrder(String applicationId, String region, String bankCode, String citizenIdNumber, String name,
                 String sex, String birthDate, String recipientName, String recipientPhone, String address,
                 String county) {

    CardOrder inCounty(String county) {
        return new CardOrder(applicationId, region, bankCode, citizenIdNumber, name, sex, birthDate, recipientName,
                recipientPhone, address, county);
    }
}
