package cn.gov.birth.application.supervision;

import static cn.gov.birth.security.Role.OPS;
import static cn.gov.birth.security.Role.STAFF;
import static cn.gov.birth.security.Role.SUPERVISOR;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Supervision of the promised time limits: its list for supervisors, ops and staff (each controller
 * narrows staff to their department), and the scheduled {@link OverdueCheck}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SupervisionConfiguration {

    @Bean
    AccessRules supervisionAccessRules() {
        return routes -> routes
                .requestMatchers(HttpMethod.GET, "/api/v1/ops/deadlines", "/api/v1/statistics/applications")
                .access(Access.anyRole(STAFF, SUPERVISOR, OPS));
    }
}
