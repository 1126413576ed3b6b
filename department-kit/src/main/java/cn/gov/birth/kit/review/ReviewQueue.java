package cn.gov.birth.kit.review;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.review.ReviewTask.Decision;
import cn.gov.birth.kit.review.ReviewTask.FollowUp;
import cn.gov.birth.kit.review.ReviewTask.Kind;
import cn.gov.birth.kit.review.ReviewTask.Status;
import cn.gov.birth.platform.audit.AuditAction;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A department's staff review queue (人工审核): an item its rules cannot decide waits here, the
 * applicant is told why ({@link ItemAwaitingReview}), and staff approve, return or reject it. The
 * task, its decision and the resulting fact are written in one transaction. A department service
 * declares its queue as a bean, with the record it keeps for staff ({@code C}, as JSON); the services
 * that open tasks register what approval does ({@link #onApproval}), so the queue never depends on them.
 * Each decision is in the service's audit trail, committed with it. An item that pays an amount
 * staff assess ({@link AmountAssessment}) is approved with that amount, and above its threshold by two
 * different officers: the first approval leaves the task open for the second.
 * The same queue holds the follow-ups the department owes families ({@link FollowUpOpened}: a
 * 差评's rectification, a complaint), tasks of their own kind that staff answer ({@link #answer})
 * rather than decide.
 */
public class ReviewQueue<C> {

    private static final Logger log = LoggerFactory.getLogger(ReviewQueue.class);

    /**
     * The item's own work once staff approve, publishing its outcome through the outbox. Runs in
     * the decision's transaction; throwing (a {@code ProblemException} with a 409, say) leaves
     * the task open and changes nothing.
     */
    @FunctionalInterface
    public interface Approval<C> {
        void approve(ReviewTask<C> task);
    }

    /**
     * The amount staff assess on approving a task of an item (yuan, at most two decimals, positive, at
     * most {@code ceiling}); one above {@code secondApprovalAbove} takes a second, different officer's
     * approval before the item goes on.
     */
    public record AmountAssessment(BigDecimal ceiling, BigDecimal secondApprovalAbove) {

        public AmountAssessment {
            if (ceiling == null || ceiling.signum() <= 0 || secondApprovalAbove == null
                    || secondApprovalAbove.signum() <= 0 || secondApprovalAbove.compareTo(ceiling) > 0) {
                throw new IllegalArgumentException("an assessed amount needs a positive ceiling and a positive "
                        + "second-approval threshold not above it: " + ceiling + ", " + secondApprovalAbove);
            }
        }

        void check(BigDecimal amount) {
            if (amount == null) {
                throw unacceptable("Amount required", "批准须填写核定金额（元）。");
            }
            if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2 || amount.compareTo(ceiling) > 0) {
                throw unacceptable("Amount not acceptable", "核定金额须大于0、至多两位小数，且不超过"
                        + ceiling.toPlainString() + "元。");
            }
        }

        boolean needsSecondApproval(BigDecimal amount) {
            return amount.compareTo(secondApprovalAbove) > 0;
        }
    }

    private final Class<C> contextType;
    private final Map<Item, Approval<C>> approvals = new ConcurrentHashMap<>();
    private final Map<Item, AmountAssessment> assessments = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final ItemFacts facts;
    private final Clock clock;
    private final AuditTrail audit;

    ReviewQueue(Class<C> contextType, JdbcClient jdbc, ColumnProtection protection, ItemFacts facts, Clock clock,
                AuditTrail audit) {
        this.contextType = contextType;
        this.jdbc = jdbc;
        this.protection = protection;
        this.facts = facts;
        this.clock = clock;
        this.audit = audit;
    }

    /** What approving a task of {@code item} does; registered once, when the service is put together. */
    public void onApproval(Item item, Approval<C> approval) {
        if (item.department() != department() || approvals.putIfAbsent(item, approval) != null) {
            throw new IllegalStateException("approval of " + item + " registered twice or not " + department() + "'s");
        }
    }

    /** What approving a task of {@code item} does, with the amount staff assess on approving it. */
    public void onApproval(Item item, AmountAssessment assessment, Approval<C> approval) {
        onApproval(item, approval);
        assessments.put(item, assessment);
    }

    public Department department() {
        return facts.department();
    }

    /** Queues the item for staff, once: an item already waiting is not queued again. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(UUID applicationId, Item item, String reasonCode, String message, C context) {
        Instant now = clock.instant();
        int queued = jdbc.sql("""
                        insert into review_task (id, application_id, item, reason_code, reason_message, context,
                                                 status, created_at)
                        values (?, ?, ?, ?, ?, ?, 'OPEN', ?)
                        on conflict (application_id, item) where status = 'OPEN' and kind = 'REVIEW' do nothing""")
                .params(UUID.randomUUID(), applicationId, item.name(), reasonCode, message,
                        protection.seal(ReviewQueues.CONTEXT, EventCodec.mapper().writeValueAsString(context)),
                        Timestamp.from(now))
                .update();
        if (queued == 1) {
            log.info("{} of application {} waits for {} staff: {}", item, applicationId, department(), reasonCode);
            facts.publish(new ItemAwaitingReview(UUID.randomUUID(), applicationId, now, item, reasonCode, message));
        }
    }

    /**
     * The follow-ups this queue takes from its department's application topic, for the service's
     * table of handlers ({@code .include(queue.followUps())}).
     */
    public EventHandlers followUps() {
        return EventHandlers.forTopic(Topics.applicationsFor(department())).on(FollowUpOpened.class, this::open)
                .build();
    }

    /** Queues the follow-up for staff, once per follow-up id: a redelivered event changes nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void open(FollowUpOpened opened) {
        if (opened.department() != department()) {
            throw new IllegalStateException("follow-up " + opened.followUpId() + " is " + opened.department()
                    + "'s, not " + department() + "'s");
        }
        int queued = jdbc.sql("""
                        insert into review_task (id, kind, application_id, item, follow_up_id, score, family_text,
                                                 contact_due, answer_due, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
                        on conflict (follow_up_id) do nothing""")
                .params(UUID.randomUUID(), Kind.of(opened.kind()).name(), opened.applicationId(),
                        opened.item() == null ? null : opened.item().name(), opened.followUpId(), opened.score(),
                        opened.text() == null ? null : protection.seal(ReviewQueues.FAMILY_TEXT, opened.text()),
                        opened.contactDue() == null ? null : Date.valueOf(opened.contactDue()),
                        Date.valueOf(opened.answerDue()), Timestamp.from(clock.instant()))
                .update();
        if (queued == 1) {
            log.info("{} {} of application {} waits for {} staff, answer due {}", opened.kind(), opened.followUpId(),
                    opened.applicationId(), department(), opened.answerDue());
        }
    }

    /** Staff contacted the family about a follow-up (the first step a 差评's deadlines ask for). */
    @Transactional
    public ReviewTask<C> contacted(UUID taskId, String staff) {
        ReviewTask<C> task = openFollowUp(taskId);
        if (task.followUp().contactedAt() != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "Already contacted",
                    "已于 " + task.followUp().contactedAt() + " 记录联系申请人。");
        }
        jdbc.sql("update review_task set contacted_at = ?, contacted_by = ? where id = ?")
                .params(Timestamp.from(clock.instant()), staff, taskId)
                .update();
        audit.record(AuditAction.DECIDE, task.applicationId(), "task=" + taskId + ",kind=" + task.kind()
                + ",contacted");
        return reread(taskId);
    }

    /**
     * Staff answer a follow-up, once: the answer goes to application-service ({@link FollowUpAnswered})
     * in the same transaction, and from there to the family. Answering twice is a 409.
     */
    @Transactional
    public ReviewTask<C> answer(UUID taskId, String answer, String staff) {
        ReviewTask<C> task = openFollowUp(taskId);
        Instant now = clock.instant();
        jdbc.sql("update review_task set status = 'ANSWERED', answer = ?, answered_by = ?, answered_at = ? where id = ?")
                .params(protection.seal(ReviewQueues.ANSWER, answer), staff, Timestamp.from(now), taskId)
                .update();
        facts.publish(new FollowUpAnswered(UUID.randomUUID(), task.applicationId(), now, task.followUp().followUpId(),
                task.kind().followUp(), department(), answer, task.followUp().contactedAt()));
        log.info("{} task {} ({}) answered by staff {}", department(), taskId, task.kind(), staff);
        audit.record(AuditAction.DECIDE, task.applicationId(), "task=" + taskId + ",kind=" + task.kind()
                + ",answered");
        return reread(taskId);
    }

    private ReviewTask<C> openFollowUp(UUID taskId) {
        ReviewTask<C> task = locked(taskId);
        if (task.kind() == Kind.REVIEW) {
            throw new ProblemException(HttpStatus.CONFLICT, "Not a follow-up",
                    "该任务是事项审核任务，请作出审核决定。");
        }
        if (task.status() != Status.OPEN) {
            throw new ProblemException(HttpStatus.CONFLICT, "Already answered",
                    "该任务已于 " + task.followUp().answeredAt() + " 由 " + task.followUp().answeredBy() + " 答复。");
        }
        return task;
    }

    private ReviewTask<C> locked(UUID taskId) {
        return jdbc.sql("select * from review_task where id = ? for update")
                .param(taskId)
                .query(this::task)
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Task not found",
                        "No review task " + taskId + " in " + department() + "."));
    }

    private ReviewTask<C> reread(UUID taskId) {
        return jdbc.sql("select * from review_task where id = ?").param(taskId).query(this::task).single();
    }

    /** Closes the application's open reviews: it was withdrawn. Its follow-ups are still owed to the family. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void cancelOpen(UUID applicationId) {
        jdbc.sql("update review_task set status = 'CANCELLED' where application_id = ? and status = 'OPEN' and kind = 'REVIEW'")
                .param(applicationId)
                .update();
    }

    /** A page of the department's tasks in one status, oldest first. */
    public Page<ReviewTask<C>> tasks(Status status, Page.Request page) {
        long total = jdbc.sql("select count(*) from review_task where status = ?").param(status.name())
                .query(Long.class).single();
        return page.of(jdbc.sql("select * from review_task where status = ? order by created_at, id limit ? offset ?")
                .params(status.name(), page.size(), page.offset())
                .query(this::task)
                .list(), total);
    }

    /**
     * Records a staff decision and carries it out: approval runs the department's work, a return
     * or a rejection is published with the staff's reason. A task already decided is a 409. An amount
     * is given only on approving a task whose item is assessed, where it is required (else 422); one
     * above the threshold is first recorded as approved by {@code staff} and carried out once another
     * officer approves it too (the same officer again: 403).
     */
    @Transactional
    public ReviewTask<C> decide(UUID taskId, Decision decision, String reasonCode, String message, BigDecimal amount,
                                String staff) {
        ReviewTask<C> task = locked(taskId);
        if (task.kind() != Kind.REVIEW) {
            throw new ProblemException(HttpStatus.CONFLICT, "Not a review",
                    "该任务是向申请人的答复任务（" + task.kind() + "），请记录联系和答复，而非审核决定。");
        }
        if (task.status() == Status.CANCELLED) {
            throw new ProblemException(HttpStatus.CONFLICT, "Application withdrawn", "申请人已撤回申请，该任务已关闭。");
        }
        if (task.status() == Status.CLOSED
                || task.status() == Status.OPEN && facts.hasFinished(task.applicationId(), task.item())) {
            // The item ended another way meanwhile (a payment reported, say): nothing is left to decide.
            throw new ProblemException(HttpStatus.CONFLICT, "Item already finished",
                    "该事项已办结或已终止，无需再作决定。");
        }
        if (task.status() != Status.OPEN) {
            throw new ProblemException(HttpStatus.CONFLICT, "Task already decided",
                    "该任务已于 " + task.decidedAt() + " 由 " + task.decidedBy() + " 作出决定（" + task.decision() + "）。");
        }
        AmountAssessment assessment = decision == Decision.APPROVE ? assessments.get(task.item()) : null;
        if (assessment == null && amount != null) {
            throw unacceptable("Amount not asked", "只有批准需要核定金额的事项时才填写金额。");
        }
        if (assessment != null && task.firstApprovedBy() != null) {
            amount = confirmed(task, amount, staff);
        } else if (assessment != null) {
            assessment.check(amount);
            if (assessment.needsSecondApproval(amount)) {
                return firstApproval(task, amount, staff);
            }
        }
        switch (decision) {
            case APPROVE -> Optional.ofNullable(approvals.get(task.item()))
                    .orElseThrow(() -> new IllegalStateException("no approval of " + task.item() + " registered"))
                    .approve(task.assessed(amount));
            case RETURN -> facts.returned(task.applicationId(), task.item(), reasonCode, message);
            case REJECT -> facts.rejected(task.applicationId(), task.item(), reasonCode, message);
        }
        jdbc.sql("""
                        update review_task set status = 'DECIDED', decision = ?, decision_reason_code = ?,
                               decision_message = ?, decided_by = ?, decided_at = ?,
                               assessed_amount = coalesce(?, assessed_amount)
                        where id = ?""")
                .params(decision.name(), reasonCode, message, staff, Timestamp.from(clock.instant()), amount, taskId)
                .update();
        log.info("{} task {} decided {} by staff {}", department(), taskId, decision, staff);
        // The decision's last write: the audit chain's lock is then held only until it commits.
        audit.record(AuditAction.DECIDE, task.applicationId(), "task=" + taskId + ",item=" + task.item()
                + ",decision=" + decision + (reasonCode == null ? "" : ",reasonCode=" + reasonCode)
                + (amount == null ? "" : ",amount=" + amount.toPlainString()));
        return reread(taskId);
    }

    /** The amount a second officer approves: the one first approved, by someone else. */
    private static BigDecimal confirmed(ReviewTask<?> task, BigDecimal amount, String staff) {
        if (task.firstApprovedBy().equals(staff)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Second approval by another officer",
                    "核定金额" + task.amount().toPlainString() + "元已由您初审批准，须由另一名工作人员复核批准。");
        }
        if (amount != null && amount.compareTo(task.amount()) != 0) {
            throw unacceptable("Amount differs from the first approval", "复核只能批准初审核定的金额"
                    + task.amount().toPlainString() + "元；金额有误请退回。");
        }
        return task.amount();
    }

    /** Records the first of two approvals: the task stays open, and the item waits, for the second. */
    private ReviewTask<C> firstApproval(ReviewTask<C> task, BigDecimal amount, String staff) {
        jdbc.sql("update review_task set assessed_amount = ?, first_approved_by = ?, first_approved_at = ? where id = ?")
                .params(amount, staff, Timestamp.from(clock.instant()), task.id())
                .update();
        log.info("{} task {} approved first by staff {}, awaiting a second officer", department(), task.id(), staff);
        audit.record(AuditAction.DECIDE, task.applicationId(), "task=" + task.id() + ",item=" + task.item()
                + ",decision=APPROVE,step=FIRST,amount=" + amount.toPlainString());
        return reread(task.id());
    }

    private static ProblemException unacceptable(String title, String detail) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, title, detail);
    }

    private ReviewTask<C> task(ResultSet rs, int row) throws SQLException {
        Kind kind = Kind.valueOf(rs.getString("kind"));
        String decision = rs.getString("decision");
        String item = rs.getString("item");
        String context = rs.getString("context");
        return new ReviewTask<>(rs.getObject("id", UUID.class), kind, rs.getObject("application_id", UUID.class),
                item == null ? null : Item.valueOf(item), rs.getString("reason_code"), rs.getString("reason_message"),
                context == null ? null
                        : EventCodec.mapper().readValue(protection.open(ReviewQueues.CONTEXT, context), contextType),
                Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), decision == null ? null : Decision.valueOf(decision),
                rs.getString("decision_reason_code"), rs.getString("decision_message"), rs.getString("decided_by"),
                instant(rs, "decided_at"), rs.getBigDecimal("assessed_amount"), rs.getString("first_approved_by"),
                instant(rs, "first_approved_at"), kind == Kind.REVIEW ? null : followUp(rs));
    }

    private FollowUp followUp(ResultSet rs) throws SQLException {
        String text = rs.getString("family_text");
        String answer = rs.getString("answer");
        Date contactDue = rs.getDate("contact_due");
        return new FollowUp(rs.getObject("follow_up_id", UUID.class), rs.getObject("score", Integer.class),
                text == null ? null : protection.open(ReviewQueues.FAMILY_TEXT, text),
                contactDue == null ? null : contactDue.toLocalDate(), rs.getDate("answer_due").toLocalDate(),
                instant(rs, "contacted_at"), rs.getString("contacted_by"),
                answer == null ? null : protection.open(ReviewQueues.ANSWER, answer), instant(rs, "answered_at"),
                rs.getString("answered_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
