package cn.gov.birth.platform.security;

import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A route partner systems call (a bank's or the tax channel's callback): only requests signed by a
 * partner that passes {@code partners} get through ({@link PartnerAuthenticationFilter} checks the
 * signature on these routes, and only on these). Declared as a bean:
 * {@code @Bean PartnerRoute paymentCallbacks() { return new PartnerRoute(POST, PATH, "TAX-CHANNEL"::equals); }}
 */
public record PartnerRoute(HttpMethod method, String path, Predicate<String> partners) implements AccessRules {

    @Override
    public void grant(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(method, path).access(Access.partner(partners));
    }
}
