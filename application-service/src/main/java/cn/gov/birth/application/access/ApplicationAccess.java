package cn.gov.birth.application.access;

import cn.gov.birth.application.core.Parties;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may see and act on an application — read it and its notice, supplement it, withdraw it:
 * whoever submitted it (a citizen, a window clerk, a hospital's staff member: the token's
 * subject), the clerks of the service centre where it was filed (the centre in their token), and
 * the parents on it, recognised by the verified ID number in their citizen token against a keyed
 * index of the ID numbers on the form. Anyone else is told there is no such
 * application (404, the same answer as for an id that does not exist).
 */
@Component
public class ApplicationAccess {

    private final JdbcClient jdbc;
    private final BlindIndex index;

    ApplicationAccess(JdbcClient jdbc, BlindIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** The index of a parent's ID number as the application stores it. */
    public String parentIndex(String idNumber) {
        return index.idNumber(idNumber);
    }

    /** The index by which a citizen is recognised as a parent; null for anyone else. */
    public String callerIndex(Caller caller) {
        return caller.has(Role.CITIZEN) && caller.idNumber() != null ? index.idNumber(caller.idNumber()) : null;
    }

    /** The service centre whose applications a clerk looks after; null for anyone else. */
    public static String callerCentre(Caller caller) {
        return caller.has(Role.CLERK) ? caller.centre() : null;
    }

    public boolean mayAct(Caller caller, Parties parties) {
        String own = callerIndex(caller);
        String centre = callerCentre(caller);
        return caller.subject().equals(parties.submittedBy())
                || own != null && (own.equals(parties.motherIndex()) || own.equals(parties.fatherIndex()))
                || centre != null && centre.equals(parties.serviceCentre());
    }

    /** Returns when the caller may act on the application; otherwise 404, as if there were none. */
    public void require(UUID id, Caller caller) {
        boolean allowed = jdbc.sql("""
                        select submitted_by, mother_index, father_index, service_centre
                        from application where id = ?""")
                .param(id).query(Parties.class).optional()
                .filter(parties -> mayAct(caller, parties))
                .isPresent();
        if (!allowed) {
            throw notFound(id);
        }
    }

    public static ProblemException notFound(UUID id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Application not found", "No application " + id + ".");
    }

}
