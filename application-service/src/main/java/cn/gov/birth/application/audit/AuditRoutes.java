package cn.gov.birth.application.audit;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The audit trail is for auditors alone: anyone else 403, no token 401. */
@Configuration(proxyBeanMethods = false)
class AuditRoutes {

    @Bean
    AccessRules auditAccessRules() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/audit").access(Access.anyRole(Role.AUDITOR));
    }
}
