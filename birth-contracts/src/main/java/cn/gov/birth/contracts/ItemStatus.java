package cn.gov.birth.contracts;

/** The state of one item of an application. */
public enum ItemStatus {
    NOT_REQUESTED, WAITING, IN_PROGRESS, RETURNED, COMPLETED, REJECTED, CANCELLED,
    /**
     * Granted at the delivery hospital without application (免申即享, Jilin's vaccination certificate
     * and maternity reimbursement): no department works on it, the family collects it at the place the
     * region's policy names. Finished, and as good as completed for the overall status.
     */
    GRANTED_AT_HOSPITAL;

    /** A finished item never changes again. */
    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == GRANTED_AT_HOSPITAL;
    }
}
