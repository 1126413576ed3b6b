package cn.gov.birth.insurance.enrollment;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.insurance.enrollment.PaymentOrders.PaymentOrder;
import cn.gov.birth.insurance.enrollment.PaymentOrders.State;
import cn.gov.birth.insurance.reference.Contributions;
import cn.gov.birth.insurance.reference.Contributions.Contribution;
import cn.gov.birth.insurance.reference.InsuredPersons;
import cn.gov.birth.insurance.review.InsuranceCase;
import cn.gov.birth.insurance.review.InsuranceCase.Enrollment;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewTask;
import cn.gov.birth.platform.web.ProblemException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolls the newborn in resident medical insurance once the household registration gave it a
 * citizen ID number, on the department's own data: a newborn already insured is refused, the
 * insured place must be in the region, the next year only where the region allows it, and the
 * contribution comes from the department's table. The enrollment completes when the tax channel
 * reports the payment of the order made for it; an order not paid in time returns the item.
 */
@Service
public class Enrollments implements EncryptedColumns {

    private static final Logger log = LoggerFactory.getLogger(Enrollments.class);
    private static final Item ITEM = Item.MEDICAL_INSURANCE;

    private final InsurancePolicy policy;
    private final InsuredPersons persons;
    private final Contributions contributions;
    private final PaymentOrders orders;
    private final ReviewQueue<InsuranceCase> review;
    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    Enrollments(InsurancePolicy policy, InsuredPersons persons, Contributions contributions, PaymentOrders orders,
                ReviewQueue<InsuranceCase> review, JdbcClient jdbc, ColumnProtection protection, Outbox outbox,
                ItemOutcomes outcomes, Clock clock) {
        this.policy = policy;
        this.persons = persons;
        this.contributions = contributions;
        this.orders = orders;
        this.review = review;
        this.jdbc = jdbc;
        this.protection = protection;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
        review.onApproval(ITEM, this::approve);
    }

    /** The payment orders' citizen ID numbers, sealed ({@link PaymentOrders}). */
    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(PaymentOrders.CITIZEN_ID_NUMBER.encryptedColumn());
    }

    /**
     * The enrollment, once the household registration gave the newborn its number: the form's
     * insurance section and the citizen ID number; runs in the event's transaction.
     */
    public void enroll(ApplicationSubmitted application, ItemCompleted household) {
        var insurance = application.insurance();
        var newborn = application.newborn();
        decide(application.applicationId(), new Enrollment(application.region(),
                ((HouseholdRegistered) household).citizenIdNumber(), newborn.surname() + newborn.givenName(),
                newborn.birthTime().atZoneSameInstant(ChinaTime.ZONE).toLocalDate(),
                insurance == null ? null : insurance.insuredDivision(),
                insurance == null || insurance.years() == null || insurance.years().isEmpty() ? List.of("CURRENT")
                        : insurance.years()), false);
    }

    /**
     * Decides on the request and, when nothing stands in the way, records the payment order (sent
     * after the commit). Staff approving a missing contribution decide again: still missing is a 409.
     */
    private void decide(UUID id, Enrollment request, boolean approving) {
        if (persons.find(request.citizenIdNumber()).filter(InsuredPersons.InsuredPerson::active).isPresent()) {
            outbox.publish(Topics.INSURANCE, new ItemRejected(UUID.randomUUID(), id, clock.instant(), ITEM,
                    "ALREADY_INSURED", "新生儿已参加基本医疗保险，无需重复参保登记"));
            return;
        }
        String division = request.insuredDivision();
        if (division == null || !Codes.isCounty(division) || !Codes.provinceOf(division).equals(request.region())) {
            returned(id, "INSURED_DIVISION_NOT_IN_REGION", "参保地须为本省（区）的县（市、区），请核对参保地后补正");
            return;
        }
        InsurancePolicy.Region rules = policy.of(request.region());
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        List<Integer> years = CoverageRule.years(request.birthDate(), request.years());
        if (years.contains(request.birthDate().getYear() + 1)
                && !CoverageRule.nextYearAllowed(rules, request.birthDate(), today)) {
            returned(id, "NEXT_YEAR_NOT_ALLOWED", rules.nextYearBornFrom() == null
                    ? "本地不办理新生儿次年度参保，请只选择当年度后补正"
                    : "仅" + rules.nextYearFrom().getMonthValue() + "月" + rules.nextYearFrom().getDayOfMonth()
                    + "日至12月31日出生、且在出生之日起" + rules.enrollmentDays() + "日内办理的新生儿可参加次年度参保，请改选当年度后补正");
            return;
        }
        years = CoverageRule.insured(rules, request.birthDate(), today, years);
        Map<Integer, Contribution> found = new HashMap<>();
        years.forEach(year -> contributions.find(request.region(), year).ifPresent(c -> found.put(year, c)));
        List<Integer> missing = years.stream().filter(year -> !found.containsKey(year)).toList();
        if (!missing.isEmpty()) {
            if (approving) {
                throw new ProblemException(HttpStatus.CONFLICT, "Contribution not set",
                        "缴费标准尚未导入（" + request.region() + " " + missing + "），请先导入 contributions 后再审批。");
            }
            review.open(id, ITEM, "CONTRIBUTION_NOT_SET",
                    "参保年度 " + missing + " 的居民医保缴费标准尚未公布，转医保经办人员处理", request);
            return;
        }
        var order = orders.create(id, request, CoverageRule.due(rules, request.birthDate(), today, years, found));
        log.info("Payment order {} of application {} recorded: {} yuan by {}", order.orderId(), id, order.amount(),
                order.payBy());
    }

    /**
     * The channel took the order: the applicant is told what to pay, by when and with which
     * reference (once; an order sent again only gets its next look at {@code recheckAt}).
     */
    @Transactional
    void issued(String orderId, String paymentReference, Instant recheckAt) {
        ofOpenItem(orders.issued(orderId, paymentReference, recheckAt), orderId).ifPresent(order ->
                outbox.publish(Topics.INSURANCE, new PaymentRequested(UUID.randomUUID(), order.applicationId(),
                        clock.instant(), ITEM, order.amount(), paymentReference, order.payBy())));
    }

    /** The channel refused or did not answer within the retries: staff look at it. */
    @Transactional
    void sendFailed(String orderId) {
        ofOpenItem(orders.failed(orderId), orderId).ifPresent(order -> review.open(order.applicationId(), ITEM,
                "PAYMENT_ORDER_FAILED", "税务缴费渠道未能开具缴费单，转医保经办人员处理",
                new InsuranceCase.FailedOrder(orderId)));
    }

    /** The order once it {@code moved} to a new state, if its item is still open (else nobody is told). */
    private Optional<PaymentOrder> ofOpenItem(boolean moved, String orderId) {
        return moved ? orders.find(orderId).filter(order -> !outcomes.hasFinished(order.applicationId(), ITEM))
                : Optional.empty();
    }

    /**
     * The channel's report on an order (repeatable): paid completes the enrollment, from the payment
     * date by the rule; expired returns the item, and a supplement makes a new order.
     */
    @Transactional
    PaymentOrder onPayment(String orderId, String paymentReference, State status, Instant paidAt) {
        PaymentOrder order = orders.lock(orderId, paymentReference).orElseThrow(() -> new ProblemException(
                HttpStatus.NOT_FOUND, "Payment order not found", "没有该缴费单（" + (orderId != null ? orderId : paymentReference) + "）。"));
        if (order.state() == status) {
            return order;
        }
        if (order.state() == State.PAID || order.state() == State.EXPIRED) {
            throw new ProblemException(HttpStatus.CONFLICT, "Payment order closed",
                    "缴费单 " + order.orderId() + " 已为 " + order.state() + "，不能改为 " + status + "。");
        }
        UUID id = order.applicationId();
        if (status == State.PAID) {
            orders.paid(order.orderId(), paymentReference, paidAt);
            if (outcomes.hasFinished(id, ITEM)) {
                log.warn("Order {} paid after application {} finished its enrollment: refund by the channel",
                        order.orderId(), id);
            } else {
                complete(order, paidAt);
            }
        } else {
            orders.expired(order.orderId());
            if (!outcomes.hasFinished(id, ITEM)) {
                returned(id, "PAYMENT_EXPIRED", "未在" + order.payBy() + "前缴纳参保费" + order.amount().toPlainString()
                        + "元，缴费单已失效；补正后将重新开具缴费单");
            }
        }
        return orders.find(order.orderId()).orElseThrow();
    }

    private void complete(PaymentOrder order, Instant paidAt) {
        InsurancePolicy.Region rules = policy.of(order.region());
        LocalDate paidOn = LocalDate.ofInstant(paidAt, ChinaTime.ZONE);
        var coverage = CoverageRule.coverage(rules, order.birthDate(), order.insuredYears(), paidOn);
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into insurance_enrollment (application_id, citizen_id_number_index, region,
                                                          insured_years, contribution_due, coverage_start,
                                                          coverage_end, enrolled_at, paid_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(order.applicationId(), protection.index(order.citizenIdNumber()), order.region(),
                        order.insuredYears().toArray(Integer[]::new), order.amount(), coverage.start(), coverage.end(),
                        Timestamp.from(now), Timestamp.from(paidAt))
                .update();
        persons.enrolled(order.citizenIdNumber(), order.newbornName(), order.insuredDivision());
        outbox.publish(Topics.INSURANCE, new MedicalInsuranceEnrolled(UUID.randomUUID(), order.applicationId(), now,
                order.insuredYears(), order.amount(), coverage.start(), coverage.end()));
    }

    /** Staff approval: a contribution now loaded goes on to the payment order; a failed order is sent again. */
    private void approve(ReviewTask<InsuranceCase> task) {
        switch (task.context()) {
            case Enrollment enrollment -> decide(task.applicationId(), enrollment, true);
            case InsuranceCase.FailedOrder failed -> {
                if (!orders.resend(failed.orderId())) {
                    throw new ProblemException(HttpStatus.CONFLICT, "Payment order not failed",
                            "该缴费单已不在失败状态，无需重新发送。");
                }
            }
            case InsuranceCase.ManualClaim claim -> throw new IllegalStateException("a maternity claim is no enrollment");
        }
    }

    private void returned(UUID id, String reasonCode, String message) {
        outbox.publish(Topics.INSURANCE, new ItemReturned(UUID.randomUUID(), id, clock.instant(), ITEM, reasonCode,
                message));
    }
}
