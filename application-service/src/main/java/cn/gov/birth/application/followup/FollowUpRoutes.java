package cn.gov.birth.application.followup;

import static cn.gov.birth.security.Role.CITIZEN;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Complaints are the family's, like 好差评: citizens (a parent on the application, {@code ApplicationAccess}). */
@Configuration(proxyBeanMethods = false)
class FollowUpRoutes {

    @Bean
    AccessRules complaintAccessRules() {
        return routes -> routes
                .requestMatchers(HttpMethod.POST, "/api/v1/applications/{id}/complaints")
                .access(Access.anyRole(CITIZEN))
                .requestMatchers(HttpMethod.GET, "/api/v1/applications/{id}/complaints")
                .access(Access.anyRole(CITIZEN));
    }
}
