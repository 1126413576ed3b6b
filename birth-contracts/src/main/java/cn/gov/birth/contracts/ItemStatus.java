package cn.gov.birth.contracts;

/** The state of one item of an application. */
public enum ItemStatus {
    NOT_REQUESTED, WAITING, IN_PROGRESS, RETURNED, COMPLETED, REJECTED, CANCELLED;

    /** A finished item never changes again. */
    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED;
    }
}
