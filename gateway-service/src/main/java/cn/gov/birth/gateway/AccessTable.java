package cn.gov.birth.gateway;

import cn.gov.birth.security.Role;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call what through the gateway ({@code birth.gateway.access.grants} in application.yml):
 * the first grant whose path and method match decides; what no grant names is refused (401
 * without a token, 403 with one). The services check again, more finely (an application's own
 * people, a department's own work, a partner's signature).
 *
 * @param grants    in order, most specific first
 * @param devGrants the grants of the routes that exist under the {@code dev} profile only (set in its
 *                  document alone, so that they are never granted outside it), after {@code grants}
 */
@ConfigurationProperties("birth.gateway.access")
record AccessTable(List<Grant> grants, List<Grant> devGrants) {

    AccessTable {
        grants = grants == null ? List.of() : List.copyOf(grants);
        devGrants = devGrants == null ? List.of() : List.copyOf(devGrants);
    }

    /** Every grant, in the order they are tried. */
    List<Grant> all() {
        return Stream.concat(grants.stream(), devGrants.stream()).toList();
    }

    /**
     * @param path       a path pattern ({@code {department}} names the department a departmental role must act for)
     * @param methods    the HTTP methods granted
     * @param anyone     granted without a token (the service guide, health probes)
     * @param partner    granted without a token to partners, whose signature the service checks
     * @param roles      granted to a token with any of these roles
     * @param department a departmental role must act for the path's {@code {department}}
     */
    record Grant(String path, List<String> methods, boolean anyone, boolean partner, Set<Role> roles,
                 boolean department) {

        Grant {
            methods = methods == null ? List.of() : List.copyOf(methods);
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }
    }
}
