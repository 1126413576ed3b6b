package cn.gov.birth.kit.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.kit.review.ReviewTask.Decision;
import cn.gov.birth.kit.review.ReviewTask.Kind;
import cn.gov.birth.kit.review.ReviewTask.Status;
import cn.gov.birth.platform.audit.AuditRecorded;
import cn.gov.birth.platform.audit.AuditTrail;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.outbox.OutboxRelay;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.web.ProblemException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The police's review of household registrations, as hukou-service declares it, on the kit's tables. */
class ReviewQueueTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("kit_review_queue", "classpath:db/kit");
    private static final Page.Request FIRST_PAGE = new Page.Request(0, 50);
    private static final String OFFICER = "officer-0001";
    private static final ColumnProtection PROTECTION = new ColumnProtection(DATABASE.fieldEncryption(), () -> {
        throw new AssertionError("the review context is sealed, never indexed");
    });

    /** What the police keep for staff to decide on. */
    record Birth(String motherId, String note) {
    }

    private final Birth context = new Birth("520102199403121220", "出生超过一年");
    private final ItemOutcomes outcomes = new ItemOutcomes(DATABASE.jdbc());
    private final Outbox outbox = new Outbox(DATABASE.jdbc(),
            new OutboxRelay(DATABASE.jdbc(), DATABASE.transactions(), null, DATABASE.fieldEncryption(), "review-test", 1, 1),
            new BirthEventCatalog(), List.of(outcomes), DATABASE.fieldEncryption());
    private final Clock clock = new TickingClock();
    private final ReviewQueues queues = new ReviewQueues(DATABASE.jdbc(), PROTECTION,
            new ItemFacts(Department.POLICE, outbox, outcomes, clock), clock,
            new AuditTrail(DATABASE.jdbc(), DATABASE.transactions(), outbox, Topics.AUDIT, "hukou-service", clock));
    private final ReviewQueue<Birth> queue = queues.of(Birth.class);
    private final List<ReviewTask<Birth>> approved = new CopyOnWriteArrayList<>();

    ReviewQueueTest() {
        queue.onApproval(Item.HUKOU, task -> {
            approved.add(task);
            outbox.publish(Topics.HUKOU, new HouseholdRegistered(UUID.randomUUID(), task.applicationId(), Instant.now(),
                    "520102202611200021", "520102", "南明分局花果园派出所"));
        });
    }

    /** Tasks are listed across the whole table: each test starts from an empty queue. */
    @BeforeEach
    void emptyTheQueue() {
        DATABASE.jdbc().sql("truncate review_task, item_outcome, outbox_event, audit_entry").update();
    }

    @Test
    void shouldOpenATaskOnceAndTellTheApplicantTheItemAwaitsReview() {
        UUID id = UUID.randomUUID();

        open(queue, id);
        open(queue, id);

        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).singleElement().satisfies(task -> {
            assertThat(task.applicationId()).isEqualTo(id);
            assertThat(task.item()).isEqualTo(Item.HUKOU);
            assertThat(task.reasonCode()).isEqualTo("LATE_REGISTRATION");
            assertThat(task.context()).isEqualTo(context);
            assertThat(task.status()).isEqualTo(Status.OPEN);
        });
        assertThat(published(id)).singleElement().isInstanceOfSatisfying(ItemAwaitingReview.class, awaiting -> {
            assertThat(awaiting.item()).isEqualTo(Item.HUKOU);
            assertThat(awaiting.reasonCode()).isEqualTo("LATE_REGISTRATION");
            assertThat(awaiting.message()).isEqualTo("出生超过一年，需派出所人工审核");
        });
    }

    @Test
    void shouldStoreTheContextSealedAndShowItOpenedToStaff() {
        UUID id = UUID.randomUUID();

        open(queue, id);

        String stored = DATABASE.jdbc().sql("select context from review_task where application_id = ?").param(id)
                .query(String.class).single();
        assertThat(stored).startsWith("ENC1:").doesNotContain(context.motherId());
        assertThat(queues.encryptedColumns()).extracting(EncryptedColumn::name)
                .containsExactly("review_task.context", "review_task.family_text", "review_task.answer");
        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).extracting(ReviewTask::context)
                .containsExactly(context);
    }

    @Test
    void shouldListTheOpenTasksOldestFirstAPageAtATime() {
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        ids.forEach(id -> open(queue, id));
        decide(taskOf(ids.get(1)), Decision.APPROVE, null, null);

        Page<ReviewTask<Birth>> first = queue.tasks(Status.OPEN, new Page.Request(0, 2));
        Page<ReviewTask<Birth>> second = queue.tasks(Status.OPEN, new Page.Request(1, 2));

        assertThat(first.items()).extracting(ReviewTask::applicationId).containsExactly(ids.get(0), ids.get(2));
        assertThat(first.totalItems()).isEqualTo(3);
        assertThat(second.items()).extracting(ReviewTask::applicationId).containsExactly(ids.get(3));
        assertThat(queue.tasks(Status.DECIDED, FIRST_PAGE).items()).extracting(ReviewTask::applicationId)
                .containsExactly(ids.get(1));
    }

    @Test
    void shouldRunTheRegisteredApprovalAndCloseTheTaskWhenStaffApprove() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        UUID taskId = taskOf(id);

        ReviewTask<Birth> decided = decide(taskId, Decision.APPROVE, null, null);

        assertThat(approved).singleElement().satisfies(task -> {
            assertThat(task.id()).isEqualTo(taskId);
            assertThat(task.context()).isEqualTo(context);
        });
        assertThat(decided.status()).isEqualTo(Status.DECIDED);
        assertThat(decided.decision()).isEqualTo(Decision.APPROVE);
        assertThat(decided.decidedBy()).isEqualTo(OFFICER);
        assertThat(decided.decidedAt()).isAfter(decided.createdAt());
        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).isEmpty();
        assertThat(published(id)).last().isInstanceOf(HouseholdRegistered.class);
    }

    @Test
    void shouldPublishTheDepartmentsItemRejectedWithTheStaffsReasonWhenStaffReject() {
        UUID id = UUID.randomUUID();
        open(queue, id);

        ReviewTask<Birth> decided = decide(taskOf(id), Decision.REJECT, "NOT_RESIDENT", "父母双方均非本市户籍");

        assertThat(published(id)).last().isInstanceOfSatisfying(ItemRejected.class, rejected -> {
            assertThat(rejected.item()).isEqualTo(Item.HUKOU);
            assertThat(rejected.reasonCode()).isEqualTo("NOT_RESIDENT");
            assertThat(rejected.message()).isEqualTo("父母双方均非本市户籍");
        });
        assertThat(outcomes.hasFinished(id, Item.HUKOU)).isTrue();
        assertThat(approved).isEmpty();
        assertThat(decided.decision()).isEqualTo(Decision.REJECT);
        assertThat(decided.decisionReasonCode()).isEqualTo("NOT_RESIDENT");
        assertThat(decided.status()).isEqualTo(Status.DECIDED);
    }

    @Test
    void shouldCloseTheTaskOfAnItemThatEndedAnotherWayAndRefuseADecisionOnIt() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        UUID taskId = taskOf(id);
        DATABASE.transactions().executeWithoutResult(status -> outbox.publish(Topics.HUKOU,
                new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU, "UPSTREAM_NOT_COMPLETED", "出生医学证明未办结")));

        assertThatThrownBy(() -> decide(taskId, Decision.APPROVE, null, null))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.title()).isEqualTo("Item already finished");
                });

        assertThat(approved).isEmpty();
        assertThat(published(id)).last().isInstanceOf(ItemCancelled.class);
        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).isEmpty();
        assertThat(queue.tasks(Status.CLOSED, FIRST_PAGE).items()).extracting(ReviewTask::id).containsExactly(taskId);
    }

    @Test
    void shouldRefuseASecondFinalOutcomeOfAnItemAndKeepTheFirst() {
        UUID id = UUID.randomUUID();
        DATABASE.transactions().executeWithoutResult(status -> outbox.publish(Topics.HUKOU,
                new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU, "UPSTREAM_NOT_COMPLETED", "出生医学证明未办结")));

        assertThatThrownBy(() -> DATABASE.transactions().executeWithoutResult(status -> outbox.publish(Topics.HUKOU,
                new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU, "WITHDRAWN", "申请人已撤回"))))
                .hasMessageContaining("already has a final outcome");

        assertThat(published(id)).hasSize(1);
    }

    @Test
    void shouldRecordEachDecisionInTheAuditTrailWithItsTaskAndPublishIt() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        UUID taskId = taskOf(id);

        decide(taskId, Decision.RETURN, "MATERIALS_UNCLEAR", "户口簿照片不清晰");

        assertThat(DATABASE.jdbc().sql("select action, application_id, detail from audit_entry order by seq")
                .query((rs, n) -> rs.getString(1) + " " + rs.getObject(2) + " " + rs.getString(3)).list())
                .containsExactly("DECIDE " + id + " task=" + taskId + ",item=HUKOU,decision=RETURN,"
                        + "reasonCode=MATERIALS_UNCLEAR");
        assertThat(DATABASE.jdbc().sql("select payload from outbox_event where topic = ?").param(Topics.AUDIT)
                .query((rs, n) -> EventCodec.mapper().readValue(
                        DATABASE.fieldEncryption().open(rs.getString(1), Outbox.PAYLOAD.place()), AuditRecorded.class))
                .list())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.service()).isEqualTo("hukou-service");
                    assertThat(entry.action()).isEqualTo("DECIDE");
                    assertThat(entry.applicationId()).isEqualTo(id);
                });
    }

    @Test
    void shouldRefuseASecondDecisionOnADecidedTask() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        UUID taskId = taskOf(id);
        decide(taskId, Decision.REJECT, "NOT_RESIDENT", "父母双方均非本市户籍");

        assertThatThrownBy(() -> decide(taskId, Decision.APPROVE, null, null))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.title()).isEqualTo("Task already decided");
                });
        assertThat(approved).isEmpty();
    }

    @Test
    void shouldRefuseADecisionOnATaskClosedByTheApplicationsWithdrawal() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        UUID taskId = taskOf(id);

        DATABASE.transactions().executeWithoutResult(status -> queue.cancelOpen(id));

        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).isEmpty();
        assertThat(queue.tasks(Status.CANCELLED, FIRST_PAGE).items()).extracting(ReviewTask::id).containsExactly(taskId);
        assertThatThrownBy(() -> decide(taskId, Decision.APPROVE, null, null))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.title()).isEqualTo("Application withdrawn"));
    }

    @Test
    void shouldLeaveTheTaskOpenAndPublishNothingWhenTheApprovalFails() {
        ReviewQueue<Birth> failing = queues.of(Birth.class);
        failing.onApproval(Item.HUKOU, task -> {
            throw new ProblemException(HttpStatus.CONFLICT, "Sequence space used up", "顺序码已用完");
        });
        UUID id = UUID.randomUUID();
        open(failing, id);
        UUID taskId = taskOf(id);

        assertThatThrownBy(() -> DATABASE.transactions().execute(status ->
                failing.decide(taskId, Decision.APPROVE, null, null, null, OFFICER)))
                .isInstanceOf(ProblemException.class).hasMessage("顺序码已用完");

        assertThat(failing.tasks(Status.OPEN, FIRST_PAGE).items()).extracting(ReviewTask::id).containsExactly(taskId);
        assertThat(published(id)).singleElement().isInstanceOf(ItemAwaitingReview.class);
        assertThat(DATABASE.jdbc().sql("select count(*) from audit_entry").query(Long.class).single()).isZero();
    }

    @Test
    void shouldRequireAnAmountWithinTheCeilingToApproveAnAssessedItemAndRefuseOneElsewhere() {
        ReviewQueue<Birth> assessed = assessedQueue();
        UUID id = UUID.randomUUID();
        open(assessed, id);
        UUID taskId = taskOf(id);
        UUID unassessed = UUID.randomUUID();
        open(queue, unassessed);

        for (String amount : new String[] {null, "0", "-1.00", "12.345", "10000.01"}) {
            assertThatThrownBy(() -> decide(assessed, taskId, Decision.APPROVE, amount == null ? null
                    : new BigDecimal(amount), OFFICER)).as(amount)
                    .isInstanceOfSatisfying(ProblemException.class, problem ->
                            assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        }
        assertThatThrownBy(() -> DATABASE.transactions().execute(status -> assessed.decide(taskId, Decision.RETURN,
                "RECEIPTS_UNCLEAR", "票据不清晰", new BigDecimal("100.00"), OFFICER)))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.title()).isEqualTo("Amount not asked"));
        assertThatThrownBy(() -> decide(queue, taskOf(unassessed), Decision.APPROVE, new BigDecimal("100.00"), OFFICER))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));

        assertThat(approved).isEmpty();
        assertThat(assessed.tasks(Status.OPEN, FIRST_PAGE).items()).extracting(ReviewTask::amount)
                .containsOnlyNulls();
        assertThat(DATABASE.jdbc().sql("select count(*) from audit_entry").query(Long.class).single()).isZero();
    }

    @Test
    void shouldApproveAnAmountUpToTheThresholdAtOnceAndHandItToTheItemsApproval() {
        ReviewQueue<Birth> assessed = assessedQueue();
        UUID id = UUID.randomUUID();
        open(assessed, id);

        ReviewTask<Birth> decided = decide(assessed, taskOf(id), Decision.APPROVE, new BigDecimal("5000.00"), OFFICER);

        assertThat(decided.status()).isEqualTo(Status.DECIDED);
        assertThat(decided.amount()).isEqualByComparingTo("5000.00");
        assertThat(decided.firstApprovedBy()).isNull();
        assertThat(approved).singleElement().satisfies(task ->
                assertThat(task.amount()).isEqualByComparingTo("5000.00"));
    }

    @Test
    void shouldCarryOutAnAmountAboveTheThresholdOnlyOnceASecondDifferentOfficerApprovesIt() {
        ReviewQueue<Birth> assessed = assessedQueue();
        UUID id = UUID.randomUUID();
        open(assessed, id);
        UUID taskId = taskOf(id);

        ReviewTask<Birth> first = decide(assessed, taskId, Decision.APPROVE, new BigDecimal("6800.50"), OFFICER);

        assertThat(first.status()).isEqualTo(Status.OPEN);
        assertThat(first.amount()).isEqualByComparingTo("6800.50");
        assertThat(first.firstApprovedBy()).isEqualTo(OFFICER);
        assertThat(first.firstApprovedAt()).isNotNull();
        assertThat(approved).isEmpty();
        assertThatThrownBy(() -> decide(assessed, taskId, Decision.APPROVE, null, OFFICER))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> decide(assessed, taskId, Decision.APPROVE, new BigDecimal("6000.00"), "officer-0002"))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT));
        assertThat(approved).isEmpty();

        ReviewTask<Birth> second = decide(assessed, taskId, Decision.APPROVE, null, "officer-0002");

        assertThat(second.status()).isEqualTo(Status.DECIDED);
        assertThat(second.decidedBy()).isEqualTo("officer-0002");
        assertThat(second.firstApprovedBy()).isEqualTo(OFFICER);
        assertThat(approved).singleElement().satisfies(task ->
                assertThat(task.amount()).isEqualByComparingTo("6800.50"));
        assertThat(DATABASE.jdbc().sql("select detail from audit_entry order by seq").query(String.class).list())
                .satisfiesExactly(
                        detail -> assertThat(detail).contains("decision=APPROVE,step=FIRST,amount=6800.50"),
                        detail -> assertThat(detail).contains("decision=APPROVE", "amount=6800.50")
                                .doesNotContain("step=FIRST"));
    }

    @Test
    void shouldLetTheSecondOfficerReturnAnAmountApprovedFirst() {
        ReviewQueue<Birth> assessed = assessedQueue();
        UUID id = UUID.randomUUID();
        open(assessed, id);
        UUID taskId = taskOf(id);
        decide(assessed, taskId, Decision.APPROVE, new BigDecimal("9000.00"), OFFICER);

        ReviewTask<Birth> returned = DATABASE.transactions().execute(status -> assessed.decide(taskId, Decision.RETURN,
                "RECEIPTS_UNCLEAR", "票据金额与明细不符", null, "officer-0002"));

        assertThat(returned.status()).isEqualTo(Status.DECIDED);
        assertThat(returned.decision()).isEqualTo(Decision.RETURN);
        assertThat(approved).isEmpty();
    }

    /** The police's queue as if registrations paid an amount staff assess: up to 10000.00, two officers above 5000.00. */
    private ReviewQueue<Birth> assessedQueue() {
        ReviewQueue<Birth> assessed = queues.of(Birth.class);
        assessed.onApproval(Item.HUKOU, new ReviewQueue.AmountAssessment(new BigDecimal("10000.00"),
                new BigDecimal("5000.00")), approved::add);
        return assessed;
    }

    private static ReviewTask<Birth> decide(ReviewQueue<Birth> queue, UUID taskId, Decision decision, BigDecimal amount,
                                            String officer) {
        return DATABASE.transactions().execute(status -> queue.decide(taskId, decision, null, null, amount, officer));
    }

    @Test
    void shouldQueueAFollowUpOnceBesideTheItemsOpenReviewWithItsDueDatesAndTheFamilysWordsSealed() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        FollowUpOpened opened = rectification(id);

        DATABASE.transactions().executeWithoutResult(status -> queue.open(opened));
        DATABASE.transactions().executeWithoutResult(status -> queue.open(opened));

        assertThat(queue.tasks(Status.OPEN, FIRST_PAGE).items()).extracting(ReviewTask::kind)
                .containsExactly(Kind.REVIEW, Kind.RECTIFICATION);
        assertThat(followUpTask(opened)).satisfies(task -> {
            assertThat(task.item()).isEqualTo(Item.HUKOU);
            assertThat(task.context()).isNull();
            assertThat(task.followUp().followUpId()).isEqualTo(opened.followUpId());
            assertThat(task.followUp().score()).isEqualTo(1);
            assertThat(task.followUp().text()).isEqualTo("窗口让我们跑了三趟");
            assertThat(task.followUp().contactDue()).isEqualTo(LocalDate.of(2026, 11, 23));
            assertThat(task.followUp().answerDue()).isEqualTo(LocalDate.of(2026, 12, 11));
        });
        assertThat(DATABASE.jdbc().sql("select family_text from review_task where follow_up_id = ?")
                .param(opened.followUpId()).query(String.class).single()).startsWith("ENC1:").doesNotContain("三趟");
        assertThat(published(id)).singleElement().isInstanceOf(ItemAwaitingReview.class);
    }

    @Test
    void shouldPublishTheAnswerOnceWithTheContactAndRefuseASecondAnswer() {
        UUID id = UUID.randomUUID();
        FollowUpOpened opened = rectification(id);
        DATABASE.transactions().executeWithoutResult(status -> queue.open(opened));
        UUID taskId = followUpTask(opened).id();

        ReviewTask<Birth> contacted = DATABASE.transactions().execute(status -> queue.contacted(taskId, OFFICER));
        ReviewTask<Birth> answered = answer(taskId, "已电话联系并改进窗口流程，感谢监督。");

        assertThat(contacted.followUp().contactedBy()).isEqualTo(OFFICER);
        assertThat(answered.status()).isEqualTo(Status.ANSWERED);
        assertThat(answered.followUp().answer()).isEqualTo("已电话联系并改进窗口流程，感谢监督。");
        assertThat(answered.followUp().answeredBy()).isEqualTo(OFFICER);
        assertThat(published(id)).as("nothing beside the department's facts").isEmpty();
        assertThat(published(id, Topics.FOLLOW_UP_ANSWERS)).singleElement().isInstanceOfSatisfying(FollowUpAnswered.class, answer -> {
            assertThat(answer.followUpId()).isEqualTo(opened.followUpId());
            assertThat(answer.kind()).isEqualTo(FollowUpKind.RECTIFICATION);
            assertThat(answer.department()).isEqualTo(Department.POLICE);
            assertThat(answer.answer()).isEqualTo("已电话联系并改进窗口流程，感谢监督。");
            assertThat(answer.contactedAt()).isEqualTo(contacted.followUp().contactedAt());
        });
        assertThatThrownBy(() -> answer(taskId, "再答一次"))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(problem.title()).isEqualTo("Already answered");
                });
        assertThat(published(id, Topics.FOLLOW_UP_ANSWERS)).hasSize(1);
        assertThat(DATABASE.jdbc().sql("select answer from review_task where id = ?").param(taskId)
                .query(String.class).single()).startsWith("ENC1:");
    }

    @Test
    void shouldKeepAFollowUpOpenWhenTheApplicationIsWithdrawnOrItsItemFinishes() {
        UUID id = UUID.randomUUID();
        FollowUpOpened opened = rectification(id);
        DATABASE.transactions().executeWithoutResult(status -> queue.open(opened));

        DATABASE.transactions().executeWithoutResult(status -> queue.cancelOpen(id));
        DATABASE.transactions().executeWithoutResult(status -> outbox.publish(Topics.HUKOU,
                new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU, "WITHDRAWN", "申请人已撤回申请")));

        assertThat(followUpTask(opened).status()).isEqualTo(Status.OPEN);
    }

    @Test
    void shouldRefuseADecisionOnAFollowUpAndAnAnswerOnAReview() {
        UUID id = UUID.randomUUID();
        open(queue, id);
        FollowUpOpened opened = rectification(id);
        DATABASE.transactions().executeWithoutResult(status -> queue.open(opened));

        assertThatThrownBy(() -> decide(followUpTask(opened).id(), Decision.APPROVE, null, null))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.title()).isEqualTo("Not a review"));
        UUID reviewId = queue.tasks(Status.OPEN, FIRST_PAGE).items().getFirst().id();
        assertThatThrownBy(() -> answer(reviewId, "答复"))
                .isInstanceOfSatisfying(ProblemException.class, problem ->
                        assertThat(problem.title()).isEqualTo("Not a follow-up"));
    }

    /** A 差评 of the police's household registration, as application-service sends it. */
    private static FollowUpOpened rectification(UUID applicationId) {
        return new FollowUpOpened(UUID.randomUUID(), applicationId, Instant.now(), UUID.randomUUID(),
                FollowUpKind.RECTIFICATION, Department.POLICE, Item.HUKOU, "520000", 1, "窗口让我们跑了三趟",
                LocalDate.of(2026, 11, 23), LocalDate.of(2026, 12, 11));
    }

    private ReviewTask<Birth> followUpTask(FollowUpOpened opened) {
        return queue.tasks(Status.OPEN, FIRST_PAGE).items().stream()
                .filter(task -> task.followUp() != null && task.followUp().followUpId().equals(opened.followUpId()))
                .findFirst().orElseThrow();
    }

    private void open(ReviewQueue<Birth> queue, UUID id) {
        DATABASE.transactions().executeWithoutResult(status ->
                queue.open(id, Item.HUKOU, "LATE_REGISTRATION", "出生超过一年，需派出所人工审核", context));
    }

    /** Decides in a transaction of its own, as the service's proxy would. */
    private ReviewTask<Birth> decide(UUID taskId, Decision decision, String reasonCode, String message) {
        return DATABASE.transactions().execute(status -> queue.decide(taskId, decision, reasonCode, message, null, OFFICER));
    }

    private ReviewTask<Birth> answer(UUID taskId, String answer) {
        return DATABASE.transactions().execute(status -> queue.answer(taskId, answer, OFFICER));
    }

    private static UUID taskOf(UUID applicationId) {
        return DATABASE.jdbc().sql("select id from review_task where application_id = ? and kind = 'REVIEW'")
                .param(applicationId)
                .query(UUID.class).single();
    }

    /** The facts about the application on the police's topic, in the order written. */
    /** What the service published about the application on its own topic (the department's facts). */
    private static List<BirthEvent> published(UUID id) {
        return published(id, Topics.HUKOU);
    }

    private static List<BirthEvent> published(UUID id, String topic) {
        return DATABASE.jdbc().sql("select event_type, payload from outbox_event where event_key = ? and topic = ? order by id")
                .params(id.toString(), topic)
                .query((rs, row) -> (BirthEvent) EventCodec.mapper().readValue(
                        DATABASE.fieldEncryption().open(rs.getString(2), Outbox.PAYLOAD.place()),
                        EventTypes.classOf(rs.getString(1)).orElseThrow()))
                .list();
    }

    /** A second later at every reading, so that tasks opened one after another are listed in that order. */
    private static final class TickingClock extends Clock {

        private final AtomicLong seconds = new AtomicLong();

        @Override
        public Instant instant() {
            return Instant.parse("2026-11-21T00:00:00Z").plusSeconds(seconds.incrementAndGet());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the queue reads instants only");
        }
    }
}
