package cn.gov.birth.application.withdrawal;

import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.application.tracking.ApplicationViews;
import cn.gov.birth.application.tracking.StatusPublisher;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.web.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applicant withdraws (撤回): the application is WITHDRAWN at once, and a distributed one
 * tells the departments which items are still open, so that each cancels what it has not
 * finished; completed items stay as they are.
 */
@Service
public class ApplicationWithdrawals {

    private static final Set<ApplicationStatus> FINISHED = Set.of(ApplicationStatus.COMPLETED,
            ApplicationStatus.PARTIALLY_COMPLETED, ApplicationStatus.NOT_ACCEPTED, ApplicationStatus.WITHDRAWN);

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final StatusPublisher statusPublisher;
    private final ApplicationViews views;
    private final Clock clock;

    ApplicationWithdrawals(JdbcClient jdbc, Outbox outbox, StatusPublisher statusPublisher, ApplicationViews views,
                           Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.statusPublisher = statusPublisher;
        this.views = views;
        this.clock = clock;
    }

    @Transactional
    public ApplicationView withdraw(UUID id, String reason) {
        ApplicationStatus previous = jdbc.sql("select status from application where id = ? for update")
                .param(id)
                .query((rs, n) -> ApplicationStatus.valueOf(rs.getString(1)))
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Application not found",
                        "No application " + id + "."));
        if (FINISHED.contains(previous)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Application cannot be withdrawn",
                    "该申请当前状态为 " + previous + "，已办结、不予受理或已撤回，无法撤回。");
        }
        Instant now = clock.instant();
        jdbc.sql("update application set status = 'WITHDRAWN', version = version + 1 where id = ?").param(id).update();
        jdbc.sql("insert into timeline_entry (application_id, at, type, detail) values (?, ?, ?, ?)")
                .params(id, Timestamp.from(now), "ApplicationWithdrawn",
                        reason == null ? "申请人撤回申请" : "申请人撤回申请：" + reason)
                .update();
        if (previous != ApplicationStatus.NEEDS_SUPPLEMENT) {
            List<Item> open = jdbc.sql("""
                            select item from application_item
                            where application_id = ? and status not in ('COMPLETED', 'REJECTED', 'CANCELLED')
                            order by item""")
                    .param(id)
                    .query((rs, n) -> Item.valueOf(rs.getString(1)))
                    .list();
            outbox.publish(Topics.APPLICATION, new ApplicationWithdrawn(UUID.randomUUID(), id, now, open, reason));
        }
        statusPublisher.publish(id, previous, null);
        return views.find(id).orElseThrow();
    }
}
