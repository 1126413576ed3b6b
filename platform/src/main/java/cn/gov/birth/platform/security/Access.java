package cn.gov.birth.platform.security;

import cn.gov.birth.security.Role;
import java.util.Arrays;
import java.util.function.Predicate;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/** Who a route admits, for {@link AccessRules}: roles, a department's own people, a partner. */
public final class Access {

    public static AuthorizationManager<RequestAuthorizationContext> anyRole(Role... roles) {
        return caller(caller -> Arrays.stream(roles).anyMatch(caller::has));
    }

    /**
     * A caller with the role who acts for the department the path names (its {@code {department}}
     * variable): a department's officer sees and decides only that department's work.
     */
    public static AuthorizationManager<RequestAuthorizationContext> ofPathDepartment(Role role) {
        return (authentication, context) -> {
            String department = context.getVariables().get("department");
            return new AuthorizationDecision(callerOf(authentication.get()) instanceof Caller caller
                    && caller.has(role) && department != null && department.equals(caller.department()));
        };
    }

    public static AuthorizationManager<RequestAuthorizationContext> ofDepartment(Role role, String department) {
        return caller(caller -> caller.has(role) && department.equals(caller.department()));
    }

    /** A partner whose signature was verified and whose id passes the test ({@code BANK-…}, say). */
    public static AuthorizationManager<RequestAuthorizationContext> partner(Predicate<String> id) {
        return (authentication, context) -> new AuthorizationDecision(
                partnerOf(authentication.get()) instanceof Partner partner && id.test(partner.id()));
    }

    private static AuthorizationManager<RequestAuthorizationContext> caller(Predicate<Caller> test) {
        return (authentication, context) -> new AuthorizationDecision(
                callerOf(authentication.get()) instanceof Caller caller && test.test(caller));
    }

    static Caller callerOf(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()
                ? Caller.of(jwt.getToken()) : null;
    }

    /** The partner whose signature {@link PartnerAuthenticationFilter} verified. */
    static Partner partnerOf(Authentication authentication) {
        return authentication instanceof PreAuthenticatedAuthenticationToken token
                && token.getPrincipal() instanceof Partner partner ? partner : null;
    }

    private Access() {
    }
}
