package cn.gov.birth.insurance.maternity;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.insurance.enrollment.InsurancePolicy;
import cn.gov.birth.platform.outbox.Outbox;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maternity medical expenses: settled directly at discharge (免申即享) where no bank account was
 * given for a manual claim; a manual claim is settled to the account given.
 */
@Service
public class MaternityReimbursements {

    private final InsurancePolicy policy;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    MaternityReimbursements(InsurancePolicy policy, JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.policy = policy;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (!application.requests(Item.MATERNITY_REIMBURSEMENT)) {
            return;
        }
        Instant now = clock.instant();
        UUID id = application.applicationId();
        outbox.publish(Topics.INSURANCE, new ItemStarted(UUID.randomUUID(), id, now, Item.MATERNITY_REIMBURSEMENT));
        String settlement = application.reimbursement() == null ? "DIRECT" : "MANUAL";
        BigDecimal amount = policy.of(application.region()).maternityDirectAmount();
        jdbc.sql("insert into maternity_settlement (application_id, settlement, amount, settled_at) values (?, ?, ?, ?)")
                .params(id, settlement, amount, Timestamp.from(now))
                .update();
        outbox.publish(Topics.INSURANCE, new MaternityReimbursementSettled(UUID.randomUUID(), id, now, settlement,
                amount));
    }
}
