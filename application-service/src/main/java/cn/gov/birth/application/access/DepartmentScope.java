package cn.gov.birth.application.access;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.Role;
import java.util.Arrays;
import org.springframework.http.HttpStatus;

/**
 * Whose figures a caller of the supervision and statistics endpoints sees: supervisors and ops every
 * department's (or the one they ask for); staff their own department's only (asking for another is 403).
 */
public final class DepartmentScope {

    /** The department to narrow to: {@code asked} (null: all) for supervisors and ops, the caller's own for staff. */
    public static Department of(Caller caller, Department asked) {
        if (caller.has(Role.SUPERVISOR) || caller.has(Role.OPS)) {
            return asked;
        }
        Department own = caller.department() == null ? null
                : Arrays.stream(Department.values()).filter(d -> d.name().equals(caller.department()))
                        .findFirst().orElse(null);
        if (own == null || asked != null && asked != own) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Another department's statistics",
                    "Staff see the figures of their own department only.");
        }
        return own;
    }

    /** Whether the caller sees every department (supervisors and ops). */
    public static boolean seesAll(Caller caller) {
        return caller.has(Role.SUPERVISOR) || caller.has(Role.OPS);
    }

    private DepartmentScope() {
    }
}
