package cn.gov.birth.sscard.bank;

/** The bank answered with a server error or "too many requests": worth trying again later. */
public class BankUnavailableException extends RuntimeException {

    public BankUnavailableException(int status) {
        super("bank answered HTTP " + status);
    }
}
