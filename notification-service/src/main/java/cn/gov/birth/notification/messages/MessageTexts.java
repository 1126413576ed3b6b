package cn.gov.birth.notification.messages;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemDetail;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Result;
import cn.gov.birth.contracts.events.FamilyAnswered;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The applicant-facing text of a status change, in Chinese, in the wording of the application's
 * region ({@link MessageWordings}): what the changed item's fact said — a payment to make, a return's
 * reason and what to correct, a result and where to collect it — and the overall status when the
 * change moved it.
 */
@Component
class MessageTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
    /** How the card's bank reports a card it mails rather than hands over at a branch. */
    private static final String MAILED = "邮寄";

    private final MessageWordings wordings;

    MessageTexts(MessageWordings wordings) {
        this.wordings = wordings;
    }

    String of(ApplicationStatusChanged change) {
        MessageWording wording = wordings.of(change.region());
        String prefix = fill(wording.prefix(), Map.of("reference", change.reference()));
        if (change.changedItem() == null) {
            return prefix + wording.statuses().get(change.status());
        }
        String item = itemText(wording, change);
        return prefix + item + (finished(change) ? fill(wording.finished(), Map.of("status",
                wording.statuses().get(change.status()))) : "");
    }

    /**
     * A department's answer to the family's 差评 or complaint: what it was about (the item, or the
     * service as a whole), who answered and the answer in the staff's words.
     */
    String of(FamilyAnswered answered) {
        MessageWording wording = wordings.of(answered.region());
        return fill(wording.prefix(), Map.of("reference", answered.reference()))
                + fill(wording.answers().get(answered.kind()), Map.of(
                "about", answered.item() == null ? wording.wholeService() : wording.items().get(answered.item()),
                "department", wording.departments().get(answered.department()), "answer", answered.answer()));
    }

    /**
     * Whether the change's message also goes out by SMS: every change of the whole application, and
     * every item's news except the kinds the region's wording keeps in-app ({@code inAppOnly}, e.g.
     * an item started: nothing for the family to do or collect); the in-app message is always there.
     */
    boolean bySms(ApplicationStatusChanged change) {
        return change.changedItem() == null || finished(change)
                || !wordings.of(change.region()).inAppOnly().contains(kind(change));
    }

    /** This item's change finished the whole application: the family hears both. */
    private static boolean finished(ApplicationStatusChanged change) {
        return change.status() != change.previousStatus() && change.status().isFinal();
    }

    private static ItemState state(ApplicationStatusChanged change) {
        return change.items().stream().filter(i -> i.item() == change.changedItem()).findFirst()
                .orElse(new ItemState(change.changedItem(), ItemStatus.IN_PROGRESS, null));
    }

    private static ItemDetail detail(ApplicationStatusChanged change) {
        return change.detail() == null ? new ItemDetail(null, null, null) : change.detail();
    }

    /** Which of the wording's item templates tells the change ({@link MessageWording#ITEM_KINDS}). */
    private static String kind(ApplicationStatusChanged change) {
        ItemState state = state(change);
        ItemDetail detail = detail(change);
        if (detail.payment() != null) {
            return "payment";
        }
        return switch (state.status()) {
            case COMPLETED -> "completed";
            case RETURNED -> "returned";
            case REJECTED -> "rejected";
            case CANCELLED -> "cancelled";
            // A change published before the detail was carried says only that the item is in progress.
            case IN_PROGRESS -> state.reasonCode() == null || detail.reasonMessage() == null ? "started" : "review";
            case WAITING, NOT_REQUESTED -> "started";
            case GRANTED_AT_HOSPITAL -> "grantedAtHospital";
        };
    }

    /** What happened to the changed item, from its state and the fact's detail. */
    private static String itemText(MessageWording wording, ApplicationStatusChanged change) {
        Item item = change.changedItem();
        ItemState state = state(change);
        ItemDetail detail = detail(change);
        Map<String, String> values = new HashMap<>();
        values.put("item", wording.items().get(item));
        values.put("message", detail.reasonMessage() == null ? "详情请查询办理进度" : detail.reasonMessage());
        return switch (kind(change)) {
            case "payment" -> {
                values.put("amount", amount(detail.payment().amount()));
                values.put("payBy", day(detail.payment().payBy()));
                values.put("paymentReference", detail.payment().paymentReference());
                yield fill(wording.payment(), values);
            }
            case "completed" -> completed(wording, item, detail.result());
            case "returned" -> {
                MessageWording.Reason reason = state.reasonCode() == null ? null
                        : wording.reasons().get(state.reasonCode());
                if (reason == null) {
                    yield fill(wording.returnedAsSaid(), values);
                }
                values.put("reason", reason.reason());
                values.put("correction", reason.correction());
                yield fill(wording.returned(), values);
            }
            case "rejected" -> fill(wording.rejected(), values);
            case "cancelled" -> fill(wording.cancelled(), values);
            case "review" -> fill(wording.review(), values);
            case "grantedAtHospital" -> fill(wording.grantedAtHospital(), values);
            default -> fill(wording.started(), values);
        };
    }

    private static String completed(MessageWording wording, Item item, Result result) {
        Result r = result == null
                ? new Result(null, null, null, null, null, null, null, null, null, null, null, null) : result;
        if (item == Item.SOCIAL_SECURITY_CARD && MAILED.equals(r.pickupBranch())) {
            return wording.cardMailed();
        }
        Map<String, String> values = new HashMap<>();
        values.put("certificateNumber", r.certificateNumber());
        if (item == Item.BIRTH_CERT && r.handover() != null && r.handover().byMail()) {
            values.put("carrier", r.handover().carrier());
            values.put("waybillNumber", r.handover().waybillNumber());
            return fill(wording.certificateMailed(), values);
        }
        values.put("collectionPlace", r.handover() == null ? null : r.handover().collectionPlace());
        values.put("officeHours", wording.officeHours());
        values.put("policeStation", r.policeStation());
        values.put("insuredYears", r.insuredYears() == null ? null
                : r.insuredYears().stream().map(year -> year + "年").collect(Collectors.joining("、")));
        values.put("contributionDue", amount(r.contributionDue()));
        values.put("coverageStart", day(r.coverageStart()));
        values.put("coverageEnd", day(r.coverageEnd()));
        values.put("settlement", r.settlement() == null ? null : wording.settlements().get(r.settlement()));
        values.put("reimbursed", amount(r.amount()));
        values.put("pickupBranch", r.pickupBranch());
        values.put("enrolledUntil", day(r.enrolledUntil()));
        return fill(wording.completed().get(item), values);
    }

    /** The template with its placeholders filled; a value the fact did not carry reads as 待告知. */
    private static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(text, Matcher.quoteReplacement(value == null ? "待告知" : value));
        }
        return matcher.appendTail(text).toString();
    }

    private static String amount(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String day(LocalDate day) {
        return day == null ? null : day.format(DAY);
    }
}
