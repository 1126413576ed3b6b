package cn.gov.birth.platform.security;

import cn.gov.birth.security.Claims;
import cn.gov.birth.security.Role;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as a verified token says (never a header a client can set): its subject, roles,
 * the department a staff member acts for, a citizen's verified resident ID number, and the
 * workplace of those who file for families: a clerk's service centre, a hospital staff member's
 * hospital. A controller takes it as a parameter.
 */
public record Caller(String subject, Set<Role> roles, String department, String idNumber, String centre,
                     String hospital) {

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static Caller of(Jwt jwt) {
        List<String> claimed = jwt.getClaimAsStringList(Claims.ROLES);
        Set<Role> roles = Arrays.stream(Role.values()).filter(role -> claimed != null && claimed.contains(role.name()))
                .collect(Collectors.toSet());
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(Claims.DEPARTMENT),
                jwt.getClaimAsString(Claims.ID_NUMBER), jwt.getClaimAsString(Claims.CENTRE),
                jwt.getClaimAsString(Claims.HOSPITAL));
    }

    /** The caller of the request this thread serves, from its verified token; empty outside one (a Kafka listener, start-up). */
    public static Optional<Caller> current() {
        return Optional.ofNullable(Access.callerOf(SecurityContextHolder.getContext().getAuthentication()));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
