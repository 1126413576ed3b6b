package cn.gov.birth.insurance.maternity;

import static org.springframework.util.StringUtils.hasText;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.events.ApplicationForm.Reimbursement;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.insurance.enrollment.InsurancePolicy;
import cn.gov.birth.insurance.reference.DesignatedHospitals;
import cn.gov.birth.insurance.reference.DesignatedHospitals.Hospital;
import cn.gov.birth.insurance.reference.DirectSettlements;
import cn.gov.birth.insurance.reference.DirectSettlements.DirectSettlement;
import cn.gov.birth.insurance.reference.InsuredPersons;
import cn.gov.birth.insurance.review.InsuranceCase;
import cn.gov.birth.insurance.review.InsuranceCase.ManualClaim;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewTask;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maternity medical expenses, on the department's own data: the mother must be insured (active, in
 * the region). A settlement the insurance system made at her discharge from the birth hospital
 * (免申即享) completes the item; otherwise a manual claim needs a designated hospital and her bank
 * account, and waits for the insurance officers, who assess the amount to reimburse from the receipts
 * (two of them above the configured amount, {@link ManualClaimSettings}); that amount is paid into
 * the account and recorded as the payout. The account is kept sealed from the claim to its payout, or
 * purged a while after the claim ended unpaid ({@link #unpaidClaims}).
 */
@Service
public class MaternityReimbursements implements EncryptedColumns {

    private static final Item ITEM = Item.MATERNITY_REIMBURSEMENT;
    static final ProtectedColumn CLAIM_ACCOUNT = ProtectedColumn.sealed("maternity_claim", "application_id",
            "account_number");
    static final ProtectedColumn CLAIM_HOLDER = ProtectedColumn.sealed("maternity_claim", "application_id",
            "account_holder");
    static final ProtectedColumn PAID_TO_ACCOUNT = ProtectedColumn.sealed("maternity_settlement", "application_id",
            "paid_to_account");
    static final ProtectedColumn PAID_TO_HOLDER = ProtectedColumn.sealed("maternity_settlement", "application_id",
            "paid_to_holder");

    private final InsurancePolicy policy;
    private final InsuredPersons persons;
    private final DirectSettlements settlements;
    private final DesignatedHospitals hospitals;
    private final ReviewQueue<InsuranceCase> review;
    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    MaternityReimbursements(InsurancePolicy policy, InsuredPersons persons, DirectSettlements settlements,
                            DesignatedHospitals hospitals, ReviewQueue<InsuranceCase> review, JdbcClient jdbc,
                            ColumnProtection protection, Outbox outbox, ItemOutcomes outcomes, Clock clock,
                            ManualClaimSettings claims) {
        this.policy = policy;
        this.persons = persons;
        this.settlements = settlements;
        this.hospitals = hospitals;
        this.review = review;
        this.jdbc = jdbc;
        this.protection = protection;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
        review.onApproval(ITEM, claims.assessment(), this::approve);
    }

    /** The claims' and the payouts' account numbers and holders, sealed. */
    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(CLAIM_ACCOUNT.encryptedColumn(), CLAIM_HOLDER.encryptedColumn(),
                PAID_TO_ACCOUNT.encryptedColumn(), PAID_TO_HOLDER.encryptedColumn());
    }

    /** Decides on an accepted application, or on a corrected one after a return. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        UUID id = application.applicationId();
        if (!application.requests(ITEM) || outcomes.hasFinished(id, ITEM)) {
            return;
        }
        outbox.publish(Topics.INSURANCE, new ItemStarted(UUID.randomUUID(), id, clock.instant(), ITEM));
        String region = application.region();
        InsurancePolicy.Region rules = policy.of(region);
        String mother = application.mother().idNumber();
        boolean insured = persons.find(mother)
                .filter(p -> p.active() && Codes.DIVISIONS.contains(p.insuredDivision())
                        && Codes.provinceOf(p.insuredDivision()).equals(region))
                .isPresent();
        if (!insured) {
            outbox.publish(Topics.INSURANCE, new ItemRejected(UUID.randomUUID(), id, clock.instant(), ITEM,
                    "MOTHER_NOT_INSURED", "母亲未在本省（区）参加基本医疗保险或参保已暂停，生育医疗费用不能由本地医保报销"));
            return;
        }
        String hospitalCode = application.newborn().hospitalCode();
        OffsetDateTime birth = application.newborn().birthTime();
        Optional<DirectSettlement> direct = settlements.find(mother, hospitalCode, birth.toInstant(),
                birth.plusDays(rules.dischargeWithinDays()).toInstant());
        if (direct.isPresent()) {
            settle(id, "DIRECT", direct.get().amount(), null);
            return;
        }
        Optional<Hospital> hospital = hospitals.find(hospitalCode);
        if (hospital.isEmpty()) {
            returned(id, "HOSPITAL_NOT_DESIGNATED", "分娩医院不是医保定点医疗机构，生育医疗费用不能通过联办报销，请核对分娩医院后补正");
            return;
        }
        Reimbursement account = application.reimbursement();
        if (account == null || !hasText(account.bankName()) || !hasText(account.accountNumber())
                || !hasText(account.accountHolder())) {
            returned(id, "BANK_ACCOUNT_REQUIRED", (hospital.get().maternityDirectSettlement()
                    ? "未查到出院时的直接结算记录" : hospital.get().name() + "不支持出院直接结算")
                    + "，需人工报销：请补充本人银行账户（开户行、账号、户名）及住院收费票据、费用明细、出院记录");
            return;
        }
        // A corrected application may name another account: the latest one is paid.
        jdbc.sql("""
                        insert into maternity_claim (application_id, bank_name, account_number, account_holder, claimed_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (application_id) do update set bank_name = excluded.bank_name,
                            account_number = excluded.account_number, account_holder = excluded.account_holder,
                            claimed_at = excluded.claimed_at""")
                .params(id, account.bankName(), protection.seal(CLAIM_ACCOUNT, account.accountNumber()),
                        protection.seal(CLAIM_HOLDER, account.accountHolder()), Timestamp.from(clock.instant()))
                .update();
        review.open(id, ITEM, "MANUAL_CLAIM", "生育医疗费用需人工报销，医保经办机构将在"
                + rules.manualClaimWorkingDays() + "个工作日内审核办结", new ManualClaim(region, hospitalCode,
                hospital.get().name(), account.bankName(), Mask.idNumber(account.accountNumber()),
                Mask.name(account.accountHolder()), rules.manualClaimWorkingDays()));
    }

    /**
     * The officers approved the manual claim with the amount they assessed: it is paid into the claim's
     * account, which moves from the claim to the payout.
     */
    private void approve(ReviewTask<InsuranceCase> task) {
        UUID id = task.applicationId();
        Account account = jdbc.sql("delete from maternity_claim where application_id = ? returning bank_name, account_number, account_holder")
                .param(id)
                .query((rs, row) -> new Account(rs.getString(1), protection.open(CLAIM_ACCOUNT, rs.getString(2)),
                        protection.open(CLAIM_HOLDER, rs.getString(3))))
                .optional()
                .orElseThrow(() -> new IllegalStateException("manual claim of " + id + " has no account"));
        settle(id, "MANUAL", task.amount(), account);
    }

    /**
     * Records the settlement, with its payout to the family's account when there is one (sealed), and
     * tells the application the amount and the masked account.
     */
    private void settle(UUID id, String settlement, BigDecimal amount, Account paidTo) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into maternity_settlement (application_id, settlement, amount, settled_at, paid_to_bank,
                                                          paid_to_account, paid_to_holder)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, settlement, amount, Timestamp.from(now), paidTo == null ? null : paidTo.bankName(),
                        protection.seal(PAID_TO_ACCOUNT, paidTo == null ? null : paidTo.number()),
                        protection.seal(PAID_TO_HOLDER, paidTo == null ? null : paidTo.holder()))
                .update();
        outbox.publish(Topics.INSURANCE, new MaternityReimbursementSettled(UUID.randomUUID(), id, now, settlement,
                amount, paidTo == null ? null : paidTo.bankName(), paidTo == null ? null : Mask.idNumber(paidTo.number())));
    }

    /**
     * The claims that ended unpaid (the item rejected, cancelled or withdrawn: finished without the
     * approval, which moves a paid claim's account to its payout), {@code period} after the claim.
     */
    public static Purge unpaidClaims(Duration period) {
        return Purge.of("unpaid-maternity-claims", "maternity_claim", "claimed_at", period).where("""
                exists (select 1 from item_outcome o where o.item = 'MATERNITY_REIMBURSEMENT'
                        and o.application_id = maternity_claim.application_id)""");
    }

    private record Account(String bankName, String number, String holder) {
    }

    private void returned(UUID id, String reasonCode, String message) {
        outbox.publish(Topics.INSURANCE, new ItemReturned(UUID.randomUUID(), id, clock.instant(), ITEM, reasonCode,
                message));
    }
}
