package cn.gov.birth.birthcert;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call birth-cert-service beyond the platform's own routes (review queue, reference
 * data): health staff, for the quarterly stub handover.
 */
@Configuration(proxyBeanMethods = false)
class HealthRoutes {

    @Bean
    AccessRules stubHandoverAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/HEALTH/stub-handovers")
                .access(Access.ofDepartment(Role.STAFF, "HEALTH"))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/HEALTH/stub-handovers")
                .access(Access.ofDepartment(Role.STAFF, "HEALTH"));
    }
}
