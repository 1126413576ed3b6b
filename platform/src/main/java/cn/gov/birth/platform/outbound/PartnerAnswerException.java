package cn.gov.birth.platform.outbound;

/** The partner answered, but not with an answer to the request (busy, an error status, no reference): try later. */
public class PartnerAnswerException extends RuntimeException {

    public PartnerAnswerException(String message) {
        super(message);
    }

    public PartnerAnswerException(int status) {
        this("HTTP " + status);
    }
}
