package cn.gov.birth.contracts;

/** The one overall state of an application that the applicant follows. */
public enum ApplicationStatus {
    NEEDS_SUPPLEMENT, NOT_ACCEPTED, ACCEPTED, IN_PROGRESS, ACTION_REQUIRED, COMPLETED, PARTIALLY_COMPLETED, WITHDRAWN;

    /**
     * Finished: nothing more happens to the application (done, refused or withdrawn). An
     * application that is not finished is open: it blocks a second one for the same newborn and
     * may still be withdrawn.
     */
    public boolean isFinal() {
        return this == COMPLETED || this == PARTIALLY_COMPLETED || this == NOT_ACCEPTED || this == WITHDRAWN;
    }
}
