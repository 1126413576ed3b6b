package cn.gov.birth.platform.audit;

/** What an audit entry records someone did. */
public enum AuditAction {
    /** An application (or its notice, or its line in a list) was shown to someone not of its family. */
    READ_APPLICATION,
    /** A staff member was shown a review task (and so the application it is about). */
    READ_REVIEW_TASK,
    /** A staff member decided a review task (approve, return, reject). */
    DECIDE,
    /** A department's reference dataset was imported (through its API, or at start-up by {@code system}). */
    IMPORT_REFERENCE_DATA,
    /** An application was withdrawn. */
    WITHDRAW
}
