package cn.gov.birth.hukou;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call hukou-service beyond the platform's own routes (review queue, reference data):
 * police staff, for the stations' printing notices.
 */
@Configuration(proxyBeanMethods = false)
class PoliceRoutes {

    @Bean
    AccessRules printingNoticeAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/POLICE/printing-notices")
                .access(Access.ofDepartment(Role.STAFF, "POLICE"));
    }
}
