package cn.gov.birth.contracts;

/** The one overall state of an application that the applicant follows. */
public enum ApplicationStatus {
    NEEDS_SUPPLEMENT, NOT_ACCEPTED, ACCEPTED, IN_PROGRESS, ACTION_REQUIRED, COMPLETED, PARTIALLY_COMPLETED, WITHDRAWN
}
