package cn.gov.birth.kit.supervision;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;

/** The department's notices of its items gone overdue, and their endpoint for its staff. */
@Configuration(proxyBeanMethods = false)
@Import({OverdueNotices.class, OverdueNoticeController.class})
public class OverdueNoticeConfiguration {

    /** The department's officers alone. */
    @Bean
    AccessRules overdueNoticeAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/{department}/overdue-items")
                .access(Access.ofPathDepartment(Role.STAFF));
    }
}
