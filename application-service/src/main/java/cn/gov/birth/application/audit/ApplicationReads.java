package cn.gov.birth.application.audit;

import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.security.Role;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Records who outside the family was shown an application: a read by anyone acting in a role other
 * than {@code CITIZEN} (a clerk, hospital staff, and whoever else is let read applications) is an
 * audit entry per application shown; a family following its own application is not.
 */
@Component
public class ApplicationReads {

    private final AuditTrail audit;

    ApplicationReads(AuditTrail audit) {
        this.audit = audit;
    }

    /** {@code via}: where it was shown (the application, its notice, a list), as the entry's detail. */
    public void shown(Caller caller, Collection<UUID> applications, String via) {
        if (caller.roles().stream().anyMatch(role -> role != Role.CITIZEN)) {
            audit.record(applications.stream()
                    .map(id -> new AuditTrail.Entry(AuditAction.READ_APPLICATION, id, "via=" + via)).toList());
        }
    }
}
