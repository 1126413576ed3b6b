package cn.gov.birth.platform.security;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as a verified token says (never a header a client can set): its subject, roles,
 * the department a staff member acts for, and a citizen's verified resident ID number. A
 * controller takes it as a parameter.
 */
public record Caller(String subject, Set<Role> roles, String department, String idNumber) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static Caller of(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(Claims.ROLES);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claimed != null) {
            claimed.forEach(name -> Arrays.stream(Role.values()).filter(r -> r.name().equals(name)).forEach(roles::add));
        }
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(Claims.DEPARTMENT),
                jwt.getClaimAsString(Claims.ID_NUMBER));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
