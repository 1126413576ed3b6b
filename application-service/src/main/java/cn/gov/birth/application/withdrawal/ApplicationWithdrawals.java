package cn.gov.birth.application.withdrawal;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.core.Application;
import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.application.tracking.ApplicationViews;
import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The applicant withdraws (撤回); see {@link Application#withdraw}. Every withdrawal is in the audit trail. */
@Service
public class ApplicationWithdrawals {

    private final ApplicationRepository applications;
    private final ApplicationViews views;
    private final Clock clock;
    private final AuditTrail audit;

    ApplicationWithdrawals(ApplicationRepository applications, ApplicationViews views, Clock clock, AuditTrail audit) {
        this.applications = applications;
        this.views = views;
        this.clock = clock;
        this.audit = audit;
    }

    @Transactional
    public ApplicationView withdraw(UUID id, String reason) {
        Application application = applications.lock(id).orElseThrow(() -> ApplicationAccess.notFound(id));
        applications.save(application, application.withdraw(reason, clock.instant()));
        // The reason is the applicant's own words: it stays with the application, not in the trail.
        audit.record(AuditAction.WITHDRAW, id, null);
        return views.find(id).orElseThrow();
    }
}
