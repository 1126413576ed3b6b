package cn.gov.birth.application.core;

import java.util.List;

/**
 * The single window's one decision on an application (一次受理): accepted, or what is missing
 * listed all at once (一次性告知), or the reasons it cannot be accepted.
 */
public record Acceptance(Outcome outcome, List<Notice> missing, List<Notice> reasons) {

    public enum Outcome { ACCEPTED, NEEDS_SUPPLEMENT, NOT_ACCEPTED }

    /** A missing material or section, or a reason for non-acceptance: a stable code and a Chinese message. */
    public record Notice(String code, String message) {
    }

    public Acceptance {
        missing = List.copyOf(missing);
        reasons = List.copyOf(reasons);
    }
}
