package cn.gov.birth.contracts.events;

/**
 * How a paper result reaches the family: mailed, with the carrier and its waybill number, or
 * collected in person at {@code collectionPlace}. Exactly one of the two is given.
 */
public record Handover(String carrier, String waybillNumber, String collectionPlace) {

    public static Handover mailed(String carrier, String waybillNumber) {
        return new Handover(carrier, waybillNumber, null);
    }

    public static Handover collected(String place) {
        return new Handover(null, null, place);
    }

    public boolean byMail() {
        return waybillNumber != null;
    }
}
