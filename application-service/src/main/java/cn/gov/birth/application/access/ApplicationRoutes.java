package cn.gov.birth.application.access;

import static cn.gov.birth.security.Role.CITIZEN;
import static cn.gov.birth.security.Role.CLERK;
import static cn.gov.birth.security.Role.HOSPITAL;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call application-service: the service guide and the material checklist are public; the
 * applications are their families' (citizens, and the clerks and hospital staff who file for them),
 * and each controller narrows that to the application's own people ({@link ApplicationAccess}).
 */
@Configuration(proxyBeanMethods = false)
class ApplicationRoutes {

    @Bean
    AccessRules applicationAccessRules() {
        return routes -> routes
                .requestMatchers(HttpMethod.GET, "/api/v1/guides/{region}").permitAll()
                .requestMatchers(HttpMethod.POST, "/api/v1/applications/checklist").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/applications", "/api/v1/applications/{id}",
                        "/api/v1/applications/{id}/notice").access(Access.anyRole(CITIZEN, CLERK, HOSPITAL))
                .requestMatchers(HttpMethod.POST, "/api/v1/applications", "/api/v1/applications/{id}/supplements",
                        "/api/v1/applications/{id}/withdrawal").access(Access.anyRole(CITIZEN, CLERK, HOSPITAL));
    }
}
