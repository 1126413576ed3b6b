package cn.gov.birth.security;

/**
 * The roles a token may carry (claim {@code roles}); what each may do is the access matrix in the
 * README. {@link #STAFF} and {@link #DEPT_ADMIN} act for the department in the {@code department}
 * claim only.
 */
public enum Role {
    /** A resident signed in through the real-name identity platform; claim {@code idNumber} says who. */
    CITIZEN,
    /** A service-centre window clerk filing for a family (channel WINDOW). */
    CLERK,
    /** Delivery-hospital staff filing on the parents' behalf, where the region's policy allows it. */
    HOSPITAL,
    /** A department's officer: its review tasks and work lists. */
    STAFF,
    /** A department's administrator: its reference data. */
    DEPT_ADMIN,
    /** Statistics, time limits and evaluations across departments, read only. */
    SUPERVISOR,
    /** Operations: metrics, circuit breakers, dead letters. */
    OPS,
    /** Reads the audit trail. */
    AUDITOR;

    /** Whether this role acts for one department (and needs the {@code department} claim). */
    public boolean departmental() {
        return this == STAFF || this == DEPT_ADMIN;
    }
}
