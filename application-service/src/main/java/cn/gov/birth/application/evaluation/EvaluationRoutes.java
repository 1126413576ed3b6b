package cn.gov.birth.application.evaluation;

import static cn.gov.birth.security.Role.CITIZEN;
import static cn.gov.birth.security.Role.OPS;
import static cn.gov.birth.security.Role.STAFF;
import static cn.gov.birth.security.Role.SUPERVISOR;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * 好差评 is the family's: citizens (a parent on the application, {@code ApplicationAccess}), not the
 * clerk or hospital staff who filed for them. Its statistics are for staff, supervisors and ops.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationRoutes {

    @Bean
    AccessRules evaluationAccessRules() {
        return routes -> routes
                .requestMatchers(HttpMethod.POST, "/api/v1/applications/{id}/evaluations")
                .access(Access.anyRole(CITIZEN))
                .requestMatchers(HttpMethod.GET, "/api/v1/applications/{id}/evaluations")
                .access(Access.anyRole(CITIZEN))
                .requestMatchers(HttpMethod.GET, "/api/v1/statistics/evaluations")
                .access(Access.anyRole(STAFF, SUPERVISOR, OPS));
    }
}
