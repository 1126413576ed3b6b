package cn.gov.birth.sscard.card;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationForm.Recipient;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.DependentItem;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.review.ReviewQueue;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
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

    private final DependentItem card;
    private final CardBanks banks;
    private final BankBranches branches;
    private final IssuedCards issued;
    private final CardRequests requests;
    private final ObjectProvider<ReviewQueue> review;
    private final Outbox outbox;
    private final Clock clock;

    CardApplications(Rendezvous rendezvous, CardBanks banks, BankBranches branches, IssuedCards issued,
                     CardRequests requests, ObjectProvider<ReviewQueue> review, Outbox outbox, Clock clock) {
        this.card = new DependentItem(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, Topics.SSCARD, rendezvous, outbox, clock,
                this::apply);
        this.banks = banks;
        this.branches = branches;
        this.issued = issued;
        this.requests = requests;
        this.review = review;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        card.onApplication(application);
    }

    /** A supplement: the corrected form, for an item still waiting or one returned for it (another bank, say). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onSupplement(ApplicationSupplemented supplement) {
        card.onSupplement(supplement);
    }

    /** Facts about the household registration: its final outcome starts or cancels the card. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onHousehold(ItemFact fact) {
        card.onUpstreamFact(fact);
    }

    private void apply(ApplicationSubmitted application, ItemCompleted household) {
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
        Map<String, Object> order = order(application, citizenId, bankCode);
        if ("MAIL".equals(application.delivery() == null ? null : application.delivery().socialSecurityCard())) {
            if (order.get("address") == null) {
                returned(id, "DELIVERY_ADDRESS_MISSING", "选择邮寄社会保障卡须填写收件人姓名、电话和地址，请补正");
                return;
            }
            request(id, order, null);
            return;
        }
        String county = registered.householdDivision() != null ? registered.householdDivision()
                : application.household() == null ? null : application.household().division();
        Optional<Branch> branch = county == null ? Optional.empty() : branches.inCounty(bankCode, county);
        if (branch.isEmpty()) {
            order.put("county", county);
            review.getObject().open(id, Item.SOCIAL_SECURITY_CARD, "NO_PICKUP_BRANCH", bank.get().name()
                    + "在户籍所在县（区）没有领卡网点，转人社部门工作人员处理（可改为邮寄到收件地址）", order);
            return;
        }
        request(id, order, branch.get());
    }

    /**
     * What staff approval of {@code NO_PICKUP_BRANCH} does: the card goes by mail to the recipient.
     * Runs in the decision's transaction; what the rules no longer allow is a 409 and the task stays open.
     */
    void requestByMail(UUID applicationId, Map<String, Object> context) {
        String citizenId = (String) context.get("citizenIdNumber");
        if (hasCard(applicationId, citizenId)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Card already issued",
                    ALREADY_ISSUED + "。请作出不予办理（REJECT）决定。");
        }
        Optional<Bank> bank = banks.find((String) context.get("region"), (String) context.get("bankCode"));
        if (bank.isEmpty() || !bank.get().active()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Bank not available",
                    "所选制卡银行目前不受理社会保障卡申领，请退回（RETURN）申请人另选制卡银行。");
        }
        if (context.get("address") == null) {
            throw new ProblemException(HttpStatus.CONFLICT, "No mailing address",
                    "申请没有收件地址，不能改为邮寄，请退回（RETURN）申请人补正收件信息。");
        }
        if (!recorded(context, null)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Card already requested", ALREADY_ISSUED);
        }
    }

    /**
     * The bank's report on a request (its callback, or its refusal of the data). Idempotent: a
     * report on a request already made or failed changes nothing and answers its state. A card
     * reported made for a request withdrawn meanwhile is recorded (it exists) without completing the item.
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
        boolean itemOpen = !outbox.hasFinished(id, Item.SOCIAL_SECURITY_CARD);
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

    /** What the bank needs to make the card, and staff to decide on it. */
    private static Map<String, Object> order(ApplicationSubmitted application, String citizenId, String bankCode) {
        Map<String, Object> order = new HashMap<>();
        order.put("applicationId", application.applicationId().toString());
        order.put("region", application.region());
        order.put("bankCode", bankCode);
        order.put("citizenIdNumber", citizenId);
        order.put("name", application.newborn().surname() + application.newborn().givenName());
        order.put("sex", application.newborn().sex());
        order.put("birthDate", application.newborn().birthTime().toLocalDate().toString());
        Recipient recipient = application.delivery() == null ? null : application.delivery().recipient();
        if (recipient != null && recipient.address() != null && !recipient.address().isBlank()) {
            order.put("recipientName", recipient.name());
            order.put("recipientPhone", recipient.phone());
            order.put("address", recipient.address());
        }
        return order;
    }

    private void request(UUID id, Map<String, Object> order, Branch branch) {
        if (!recorded(order, branch)) {
            // Another application for the same person got its request in first.
            outbox.publish(Topics.SSCARD, new ItemRejected(UUID.randomUUID(), id, clock.instant(),
                    Item.SOCIAL_SECURITY_CARD, "CARD_ALREADY_ISSUED", ALREADY_ISSUED));
        }
    }

    /**
     * Records the card-making data for the sender: pickup at {@code branch}, or by mail when null.
     * False when the person already has a live request (one card per person).
     */
    private boolean recorded(Map<String, Object> order, Branch branch) {
        UUID id = UUID.fromString((String) order.get("applicationId"));
        // Random: a bank learns nothing of the application from it, and nobody can guess another's. One live
        // request per person is the table's rule (card_request_one_live_per_person), whatever its id.
        UUID requestId = UUID.randomUUID();
        Map<String, Object> delivery = new HashMap<>();
        if (branch != null) {
            delivery.put("method", "PICKUP");
            delivery.put("branchCode", branch.code());
        } else {
            delivery.put("method", "MAIL");
            delivery.put("recipientName", order.get("recipientName"));
            delivery.put("recipientPhone", order.get("recipientPhone"));
            delivery.put("address", order.get("address"));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("requestId", requestId.toString());
        body.put("citizenIdNumber", order.get("citizenIdNumber"));
        body.put("name", order.get("name"));
        body.put("sex", order.get("sex"));
        body.put("birthDate", order.get("birthDate"));
        body.put("delivery", delivery);
        // The callback URL is added when sent: a redeployment under another address is used for resends too.
        String citizenId = (String) order.get("citizenIdNumber");
        boolean recorded = requests.record(new CardRequest(requestId, id, citizenId, (String) order.get("region"),
                (String) order.get("bankCode"), branch == null ? null : branch.name(),
                EventCodec.mapper().writeValueAsString(body), CardRequests.PENDING, 0), clock.instant());
        if (recorded) {
            log.info("Card request {} for {} to {} recorded", requestId, Mask.idNumber(citizenId),
                    order.get("bankCode"));
        }
        return recorded;
    }

    private void returned(UUID id, String reasonCode, String message) {
        outbox.publish(Topics.SSCARD, new ItemReturned(UUID.randomUUID(), id, clock.instant(),
                Item.SOCIAL_SECURITY_CARD, reasonCode, message));
    }
}
