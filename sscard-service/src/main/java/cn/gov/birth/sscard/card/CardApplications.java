package cn.gov.birth.sscard.card;

import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationForm.Recipient;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.sscard.card.CardRequests.CardRequest;
import cn.gov.birth.sscard.reference.BankBranches;
import cn.gov.birth.sscard.reference.BankBranches.Branch;
import cn.gov.birth.sscard.reference.CardBanks;
import cn.gov.birth.sscard.reference.CardBanks.Bank;
import cn.gov.birth.sscard.reference.IssuedCards;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies for the newborn's social security card once the household registration gave it a
 * citizen ID number: one card per person, at a card-making bank of the region that takes
 * applications, picked up at that bank's branch in the household county or mailed. The
 * card-making data is recorded here and sent to the bank afterwards ({@code bank.CardRequestSender});
 * the item completes when the bank reports the card made.
 */
@Service
public class CardApplications {

    private static final Logger log = LoggerFactory.getLogger(CardApplications.class);

    static final String MADE_STATUS = "MADE";
    /** What the result shows as the pickup branch of a mailed card. */
    static final String BY_MAIL = "邮寄";

    private static final String ALREADY_ISSUED = "该公民身份号码已申领社会保障卡（一人一卡），不能重复申领；如需补卡请到人社部门单项办理";

    private final CardBanks banks;
    private final BankBranches branches;
    private final IssuedCards issued;
    private final CardRequests requests;
    private final ReviewQueue<CardOrder> review;
    private final Outbox outbox;
    private final ItemOutcomes outcomes;
    private final Clock clock;

    CardApplications(CardBanks banks, BankBranches branches, IssuedCards issued, CardRequests requests,
                     ReviewQueue<CardOrder> review, Outbox outbox, ItemOutcomes outcomes, Clock clock) {
        this.banks = banks;
        this.branches = branches;
        this.issued = issued;
        this.requests = requests;
        this.review = review;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
        review.onApproval(Item.SOCIAL_SECURITY_CARD, task -> requestByMail(task.applicationId(), task.context()));
    }

    /** The card application, once the household registration gave the newborn its number; runs in the event's transaction. */
    public void apply(ApplicationSubmitted application, ItemCompleted household) {
        HouseholdRegistered registered = (HouseholdRegistered) household;
        UUID id = application.applicationId();
        String citizenId = registered.citizenIdNumber();
        if (hasCard(id, citizenId)) {
            outbox.publish(Topics.SSCARD, new ItemRejected(UUID.randomUUID(), id, clock.instant(),
                    Item.SOCIAL_SECURITY_CARD, "CARD_ALREADY_ISSUED", ALREADY_ISSUED));
            return;
        }
        String bankCode = application.socialSecurityCard() == null ? null : application.socialSecurityCard().bankCode();
        Optional<Bank> bank = bankCode == null ? Optional.empty() : banks.find(application.region(), bankCode);
        if (bank.isEmpty()) {
            returned(id, "BANK_NOT_AVAILABLE", "所选银行（" + bankCode + "）不是本省社会保障卡制卡银行，请另选制卡银行后补正");
            return;
        }
        if (!bank.get().active()) {
            returned(id, "BANK_NOT_AVAILABLE", bank.get().name() + "目前暂停受理社会保障卡申领，请另选制卡银行后补正");
            return;
        }
        String county = registered.householdDivision() != null ? registered.householdDivision()
                : application.household() == null ? null : application.household().division();
        CardOrder order = order(application, citizenId, bankCode, county);
        Branch branch = null;
        if ("MAIL".equals(application.delivery() == null ? null : application.delivery().socialSecurityCard())) {
            if (order.address() == null) {
                returned(id, "DELIVERY_ADDRESS_MISSING", "选择邮寄社会保障卡须填写收件人姓名、电话和地址，请补正");
                return;
            }
        } else {
            branch = county == null ? null : branches.inCounty(bankCode, county).orElse(null);
            if (branch == null) {
                review.open(id, Item.SOCIAL_SECURITY_CARD, "NO_PICKUP_BRANCH", bank.get().name()
                        + "在户籍所在县（区）没有领卡网点，转人社部门工作人员处理（可改为邮寄到收件地址）", order);
                return;
            }
        }
        if (!recorded(order, branch)) {
            // Another application for the same person got its request in first.
            outbox.publish(Topics.SSCARD, new ItemRejected(UUID.randomUUID(), id, clock.instant(),
                    Item.SOCIAL_SECURITY_CARD, "CARD_ALREADY_ISSUED", ALREADY_ISSUED));
        }
    }

    /**
     * What staff approval of {@code NO_PICKUP_BRANCH} does: the card goes by mail to the recipient.
     * Runs in the decision's transaction; what the rules no longer allow is a 409 and the task stays open.
     */
    private void requestByMail(UUID applicationId, CardOrder order) {
        String citizenId = order.citizenIdNumber();
        if (hasCard(applicationId, citizenId)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Card already issued",
                    ALREADY_ISSUED + "。请作出不予办理（REJECT）决定。");
        }
        Optional<Bank> bank = banks.find(order.region(), order.bankCode());
        if (bank.isEmpty() || !bank.get().active()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Bank not available",
                    "所选制卡银行目前不受理社会保障卡申领，请退回（RETURN）申请人另选制卡银行。");
        }
        if (order.address() == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "No mailing address",
                    "申请没有收件地址，不能改为邮寄，请退回（RETURN）申请人补正收件信息。");
        }
        if (!recorded(order, null)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Card already requested", ALREADY_ISSUED);
        }
    }

    /**
     * The bank's report on a request (its callback, or its refusal of the data). Idempotent: a
     * report on a request already made or failed changes nothing and answers its state.
     *
     * @param bankCode the bank that reports: only a request sent to it is found
     * @return the request's state afterwards, empty for an unknown request
     */
    @Transactional
    public Optional<String> onBankResult(UUID requestId, String bankCode, boolean made, String cardNumber,
                                         String reason) {
        Optional<CardRequest> found = requests.lock(requestId).filter(r -> r.bankCode().equals(bankCode));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        CardRequest request = found.get();
        boolean open = CardRequests.PENDING.equals(request.state()) || CardRequests.SENT.equals(request.state());
        Instant now = clock.instant();
        UUID id = request.applicationId();
        boolean itemOpen = !outcomes.hasFinished(id, Item.SOCIAL_SECURITY_CARD);
        if (made && (open || CardRequests.CANCELLED.equals(request.state()))) {
            // A card the bank made exists even for an item withdrawn meanwhile: one card per person.
            requests.finish(requestId, CardRequests.MADE, cardNumber, null, now);
            issued.made(request.citizenIdNumber(), cardNumber, request.bankCode(), now, id);
            if (itemOpen) {
                outbox.publish(Topics.SSCARD, new SocialSecurityCardApplied(UUID.randomUUID(), id, now,
                        request.bankCode(), MADE_STATUS,
                        request.pickupBranch() == null ? BY_MAIL : request.pickupBranch()));
            }
            log.info("Card for {} made by {} (application {})", Mask.idNumber(request.citizenIdNumber()),
                    request.bankCode(), id);
            return Optional.of(CardRequests.MADE);
        }
        if (!made && open) {
            requests.finish(requestId, CardRequests.FAILED, null, reason, now);
            if (itemOpen) {
                returned(id, "CARD_MAKING_FAILED", "制卡银行未能制卡（" + (reason == null ? "未说明原因" : reason)
                        + "），请核对信息或另选制卡银行后补正");
            }
            // The bank's reason is free text: it goes to the applicant in the return, not to the log.
            log.info("Card making failed at {} for application {}", request.bankCode(), id);
            return Optional.of(CardRequests.FAILED);
        }
        return Optional.of(request.state());
    }

    private boolean hasCard(UUID applicationId, String citizenId) {
        return issued.hasCard(citizenId) || requests.hasLiveRequest(citizenId, applicationId);
    }

    private static CardOrder order(ApplicationSubmitted application, String citizenId, String bankCode,
                                   String county) {
        Recipient recipient = application.delivery() == null ? null : application.delivery().recipient();
        boolean mailable = recipient != null && recipient.address() != null && !recipient.address().isBlank();
        return new CardOrder(application.applicationId().toString(), application.region(), bankCode, citizenId,
                application.newborn().surname() + application.newborn().givenName(), application.newborn().sex(),
                application.newborn().birthTime().toLocalDate().toString(), mailable ? recipient.name() : null,
                mailable ? recipient.phone() : null, mailable ? recipient.address() : null, county);
    }

    /**
     * Records the card-making data for the sender: pickup at {@code branch}, or by mail when null.
     * False when the person already has a live request (one card per person).
     */
    private boolean recorded(CardOrder order, Branch branch) {
        UUID id = UUID.fromString(order.applicationId());
        // Random: a bank learns nothing of the application from it, and nobody can guess another's. One live
        // request per person is the table's rule (card_request_one_live_per_person), whatever its id.
        UUID requestId = UUID.randomUUID();
        Map<String, Object> delivery = new HashMap<>();
        if (branch != null) {
            delivery.put("method", "PICKUP");
            delivery.put("branchCode", branch.code());
        } else {
            delivery.put("method", "MAIL");
            delivery.put("recipientName", order.recipientName());
            delivery.put("recipientPhone", order.recipientPhone());
            delivery.put("address", order.address());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("requestId", requestId.toString());
        body.put("citizenIdNumber", order.citizenIdNumber());
        body.put("name", order.name());
        body.put("sex", order.sex());
        body.put("birthDate", order.birthDate());
        body.put("delivery", delivery);
        // The callback URL is added when sent: a redeployment under another address is used for resends too.
        String citizenId = order.citizenIdNumber();
        boolean recorded = requests.record(new CardRequest(requestId, id, citizenId, order.region(),
                order.bankCode(), branch == null ? null : branch.name(),
                EventCodec.mapper().writeValueAsString(body), CardRequests.PENDING, 0), clock.instant());
        if (recorded) {
            log.info("Card request {} for {} to {} recorded", requestId, Mask.idNumber(citizenId),
                    order.bankCode());
        }
        return recorded;
    }

    private void returned(UUID id, String reasonCode, String message) {
        outbox.publish(Topics.SSCARD, new ItemReturned(UUID.randomUUID(), id, clock.instant(),
                Item.SOCIAL_SECURITY_CARD, reasonCode, message));
    }
}
