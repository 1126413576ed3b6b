package cn.gov.birth.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The routes a service (or a platform feature in it) serves and who may call each; anything no
 * rule grants is refused (401 without a token, 403 with one). Declared as beans, one per feature:
 * <pre>{@code
 * @Bean AccessRules printingNoticeAccess() {
 *     return routes -> routes.requestMatchers(GET, "/api/v1/departments/POLICE/printing-notices")
 *             .access(Access.ofDepartment(Role.STAFF, "POLICE"));
 * }}</pre>
 */
@FunctionalInterface
public interface AccessRules {

    void grant(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes);
}
