package cn.gov.birth.application.core;

import cn.gov.birth.application.core.Acceptance.Outcome;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemDetail;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.web.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.util.function.SingletonSupplier;

/**
 * An application (一件事申请): the form as filed, the single window's decision on it, its items
 * with their states and results, and its timeline. Every change goes through one of its methods
 * — submit, supplement, correct, apply a department's fact, withdraw — which changes the state
 * and returns the events it caused; {@link ApplicationRepository} saves both in one transaction.
 */
public final class Application {

    private final UUID id;
    private final String reference;
    private final Submission submission;
    private final Instant submittedAt;
    private final String region;
    private final Map<Item, ApplicationItem> items;
    private ApplicationStatus status;
    private long version;
    // A department's fact needs neither the form nor the decision: read (opened, parsed) only when a command does.
    private Supplier<Acceptance> acceptance;
    private Supplier<ApplicationRequest> form;
    private String applicantPhone;
    private Parties parties;
    private LocalDate deadline;
    private Instant completedAt;

    // What the commands changed since the repository last wrote it, for the repository to write.
    private boolean isNew;
    private boolean formChanged;
    private final Set<Item> changedItems = EnumSet.noneOf(Item.class);
    private final List<TimelineEntry> newEntries = new ArrayList<>();
    private final List<ReceivedMaterial> newMaterials = new ArrayList<>();

    /**
     * How an application was filed: its channel, where (the service centre of a WINDOW filing, the
     * hospital of a HOSPITAL one, by code) and, when the caller sent one, its idempotency key.
     */
    public record Submission(Channel channel, String serviceCentre, String hospital, String idempotencyKey,
                             String requestHash) {
    }

    /** A paper material checked at a window (收件): its kind, the scan's reference, who checked it, where and when. */
    public record ReceivedMaterial(String type, String documentId, String receivedBy, String serviceCentre,
                                   Instant receivedAt) {
    }

    /** One requested item: where it stands, until when, why (when not completed), and what it produced. */
    public record ApplicationItem(Item item, ItemStatus status, LocalDate deadline, String reasonCode,
                                  String reasonMessage, String resultJson, Instant updatedAt, boolean pulledIn) {
    }

    /** A line of the application's history as the applicant reads it. */
    public record TimelineEntry(Instant at, String type, Item item, String detail) {
    }

    /** The new application and the events its filing caused. */
    public record Filed(Application application, List<BirthEvent> events) {
    }

    /**
     * As stored, or new: for {@link ApplicationRepository} and {@link #submit} only. The form and the
     * decision come when first asked for; {@code applicantPhone} is the form's applicant's phone when known
     * without the form (null: read from the form).
     */
    Application(UUID id, String reference, Submission submission, Instant submittedAt, String region,
                ApplicationStatus status, long version, Supplier<Acceptance> acceptance,
                Supplier<ApplicationRequest> form, String applicantPhone, Parties parties, LocalDate deadline,
                Instant completedAt, Collection<ApplicationItem> items, boolean isNew) {
        this.id = id;
        this.reference = reference;
        this.submission = submission;
        this.submittedAt = submittedAt;
        this.region = region;
        this.status = status;
        this.version = version;
        this.acceptance = SingletonSupplier.of(acceptance);
        this.form = SingletonSupplier.of(form);
        this.applicantPhone = applicantPhone;
        this.parties = parties;
        this.deadline = deadline;
        this.completedAt = completedAt;
        this.items = new EnumMap<>(Item.class);
        items.forEach(item -> this.items.put(item.item(), item));
        this.isNew = isNew;
    }

    /**
     * Files a form the single window decided: accepted, it is distributed to the departments with
     * its items and their deadlines, but for the items the region grants at the hospital
     * ({@code grantedAtHospital}: item and where to collect it); otherwise it waits for a
     * supplement or stays refused.
     */
    public static Filed submit(UUID id, String reference, Submission submission, ApplicationRequest form,
                               Acceptance acceptance, Parties parties, DueDates deadlines,
                               Map<Item, String> grantedAtHospital, Instant now) {
        Application application = new Application(id, reference, submission, now, form.region(),
                statusOf(acceptance), 1, () -> acceptance, () -> form, null, parties, null, null, List.of(), true);
        if (submission.channel() == Channel.WINDOW) {
            application.receivedAtTheWindow(form.materials(), parties.submittedBy(), submission.serviceCentre(), now);
        }
        List<BirthEvent> events = new ArrayList<>(application.decided(deadlines, grantedAtHospital, now));
        events.add(application.statusChanged(null, null, null, now));
        return new Filed(application, List.copyOf(events));
    }

    /**
     * The supplement of a NEEDS_SUPPLEMENT application (补正): the supplemented form, decided
     * again; accepted now, it is distributed.
     */
    public List<BirthEvent> completeFiling(ApplicationRequest supplemented, Acceptance decision, Parties newParties,
                                           Collection<String> sections, DueDates deadlines,
                                           Map<Item, String> grantedAtHospital, Instant now) {
        ApplicationStatus previous = supplement(ApplicationStatus.NEEDS_SUPPLEMENT, supplemented, newParties, sections,
                now);
        acceptance = () -> decision;
        status = statusOf(decision);
        List<BirthEvent> events = new ArrayList<>(decided(deadlines, grantedAtHospital, now));
        events.add(statusChanged(previous, null, null, now));
        return events;
    }

    /**
     * The correction of what departments returned (ACTION_REQUIRED): the returned items resume,
     * and the departments get the corrected form. The caller has checked it is still acceptable.
     */
    public List<BirthEvent> correct(ApplicationRequest corrected, Parties newParties, Collection<String> sections,
                                    Instant now) {
        ApplicationStatus previous = supplement(ApplicationStatus.ACTION_REQUIRED, corrected, newParties, sections,
                now);
        List<ApplicationItem> returned = items.values().stream()
                .filter(item -> item.status() == ItemStatus.RETURNED).toList();
        returned.forEach(item -> change(new ApplicationItem(item.item(), ItemStatus.IN_PROGRESS, item.deadline(), null,
                null, item.resultJson(), now, item.pulledIn())));
        status = ApplicationStatus.IN_PROGRESS;
        return List.of(ApplicationSupplemented.of(UUID.randomUUID(), now,
                        returned.stream().map(ApplicationItem::item).toList(), submitted(now)),
                statusChanged(previous, null, null, now));
    }

    /**
     * A department's fact about one of the items. Facts about different items travel on different
     * topics and arrive in any order: a fact about an item not requested, or one that came after
     * the item finished, changes nothing (no events).
     */
    public List<BirthEvent> apply(ItemFact fact, Instant now) {
        // A fact about no item is a producer's bug: it fails, to be retried and then dead-lettered.
        ApplicationItem item = items.get(Objects.requireNonNull(fact.item(), "a fact without an item"));
        if (item == null || item.status().isFinal()) {
            return List.of();
        }
        ApplicationStatus previous = status;
        String reasonCode = fact instanceof ItemNotCompleted n ? n.reasonCode() : null;
        String reasonMessage = fact instanceof ItemNotCompleted n ? n.message() : null;
        String result = fact instanceof ItemCompleted c && c.result() != null
                ? EventCodec.mapper().writeValueAsString(c.result()) : item.resultJson();
        change(new ApplicationItem(item.item(), StatusFolding.next(item.status(), fact), item.deadline(), reasonCode,
                reasonMessage, result, fact.occurredAt(), item.pulledIn()));
        newEntries.add(new TimelineEntry(fact.occurredAt(), fact.getClass().getSimpleName(), fact.item(),
                reasonMessage));
        status = StatusFolding.overall(previous, items.values().stream().map(ApplicationItem::status).toList(), true);
        version++;
        if ((status == ApplicationStatus.COMPLETED || status == ApplicationStatus.PARTIALLY_COMPLETED)
                && completedAt == null) {
            completedAt = fact.occurredAt();
        }
        return List.of(statusChanged(previous, fact.item(), ItemDetail.of(fact), now));
    }

    /**
     * The applicant withdraws (撤回): WITHDRAWN at once; a distributed application tells the
     * departments which items are still open, so each cancels what it has not finished.
     */
    public List<BirthEvent> withdraw(String reason, Instant now) {
        if (status.isFinal()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Application cannot be withdrawn",
                    "该申请当前状态为 " + status + "，已办结、不予受理或已撤回，无法撤回。");
        }
        ApplicationStatus previous = status;
        status = ApplicationStatus.WITHDRAWN;
        version++;
        newEntries.add(new TimelineEntry(now, "ApplicationWithdrawn", null,
                reason == null ? "申请人撤回申请" : "申请人撤回申请：" + reason));
        List<BirthEvent> events = new ArrayList<>();
        if (previous != ApplicationStatus.NEEDS_SUPPLEMENT) {
            List<Item> open = items.values().stream().filter(item -> !item.status().isFinal())
                    .map(ApplicationItem::item).sorted((a, b) -> a.name().compareTo(b.name())).toList();
            events.add(new ApplicationWithdrawn(UUID.randomUUID(), id, now, open, reason));
        }
        events.add(statusChanged(previous, null, null, now));
        return events;
    }

    /**
     * Writes the decision's consequences: for an accepted form its items, deadlines and distribution.
     * An item granted at the hospital is finished at once with where to collect it, and goes to no
     * department; an application made only of such items is completed as it is accepted.
     */
    private List<BirthEvent> decided(DueDates deadlines, Map<Item, String> grantedAtHospital, Instant now) {
        newEntries.add(decision(acceptance(), now));
        if (acceptance().outcome() != Outcome.ACCEPTED) {
            return List.of();
        }
        ApplicationRequest form = form();
        Set<Item> requested = Item.withDependencies(form.items());
        LocalDate acceptedOn = LocalDate.ofInstant(now, ChinaTime.ZONE);
        deadline = deadlines.ofApplication(region, acceptedOn);
        for (Item item : requested) {
            String place = grantedAtHospital.get(item);
            if (place != null) {
                change(new ApplicationItem(item, ItemStatus.GRANTED_AT_HOSPITAL, null, null, null,
                        EventCodec.mapper().writeValueAsString(Map.of("place", place)), now, false));
                newEntries.add(new TimelineEntry(now, "ItemGrantedAtHospital", item,
                        "已在医院免申办理（免申即享），领取地点：" + place));
                continue;
            }
            boolean waits = item.requires().stream().anyMatch(requested::contains);
            change(new ApplicationItem(item, waits ? ItemStatus.WAITING : ItemStatus.IN_PROGRESS, deadlines.of(
                    region, item, acceptedOn), null, null, null, now, !form.items().contains(item)));
        }
        status = StatusFolding.overall(status, items.values().stream().map(ApplicationItem::status).toList(), false);
        if (status.isFinal()) {
            completedAt = now;
            return List.of();
        }
        return List.of(submitted(now));
    }

    /**
     * At a window the clerk checks the paper materials the form (or a supplement) lists and scans
     * them (窗口当场收件): they are recorded as received by that clerk, at their centre, now.
     */
    public void receivedAtTheWindow(List<ApplicationRequest.Material> materials, String clerk, String centre,
                                    Instant now) {
        if (materials == null || materials.isEmpty()) {
            return;
        }
        materials.forEach(material -> newMaterials.add(new ReceivedMaterial(material.type(), material.documentId(),
                clerk, centre, now)));
        newEntries.add(new TimelineEntry(now, "MaterialsReceived", null,
                "窗口已当场收件：核验并扫描纸质材料" + materials.size() + "份"));
    }

    /** What every supplement does: its form replaces the filed one, and the timeline says what it brought. */
    private ApplicationStatus supplement(ApplicationStatus expected, ApplicationRequest newForm, Parties newParties,
                                         Collection<String> sections, Instant now) {
        if (status != expected) {
            throw new ProblemException(HttpStatus.CONFLICT, "Nothing to supplement",
                    "该申请当前状态为 " + status + "，无需补正。");
        }
        form = () -> newForm;
        applicantPhone = null;
        parties = newParties;
        formChanged = true;
        version++;
        newEntries.add(new TimelineEntry(now, "SupplementReceived", null,
                "已收到补正材料：" + String.join("、", sections.stream().sorted().toList())));
        return status;
    }

    private void change(ApplicationItem item) {
        items.put(item.item(), item);
        changedItems.add(item.item());
    }

    private ApplicationStatusChanged statusChanged(ApplicationStatus previous, Item changedItem, ItemDetail detail,
                                                   Instant now) {
        List<ItemState> states = items.values().stream()
                .map(item -> new ItemState(item.item(), item.status(), item.reasonCode())).toList();
        return new ApplicationStatusChanged(UUID.randomUUID(), id, now, reference, region, version, status,
                previous, changedItem, detail, states, applicantPhone(),
                new Audience(parties.submittedBy(), Stream.of(parties.motherIndex(), parties.fatherIndex())
                        .filter(Objects::nonNull).toList()));
    }

    /**
     * The accepted application as the departments receive it: the items they work on (not those
     * granted at the hospital) and the parts of the form they need.
     */
    private ApplicationSubmitted submitted(Instant now) {
        ApplicationRequest form = form();
        var household = form.household();
        var settling = form.settlingParent();
        return new ApplicationSubmitted(UUID.randomUUID(), id, now, reference, region,
                items.values().stream().filter(item -> item.status() != ItemStatus.GRANTED_AT_HOSPITAL)
                        .map(ApplicationItem::item).toList(), part(form.applicant(), ApplicationForm.Applicant.class),
                part(form.mother(), ApplicationForm.Person.class), part(form.father(), ApplicationForm.Person.class),
                part(form.newborn(), ApplicationForm.Newborn.class),
                household == null ? null : new ApplicationForm.Household(household.settleWith(),
                        settling == null ? null : settling.householdDivision(), household.headName(),
                        household.headIdNumber(), household.relationToHead(), household.nativePlace()),
                part(form.insurance(), ApplicationForm.Insurance.class),
                part(form.reimbursement(), ApplicationForm.Reimbursement.class),
                part(form.socialSecurityCard(), ApplicationForm.Card.class),
                part(form.delivery(), ApplicationForm.Delivery.class));
    }

    /** A section of the form as the contract carries it: the same fields, those departments need. */
    private static <T> T part(Object section, Class<T> type) {
        return section == null ? null : EventCodec.mapper().convertValue(section, type);
    }

    /** Each outcome is named as the status it leads to. */
    private static ApplicationStatus statusOf(Acceptance acceptance) {
        return ApplicationStatus.valueOf(acceptance.outcome().name());
    }

    /** The decision as the timeline tells it: its notice in brief. */
    private static TimelineEntry decision(Acceptance acceptance, Instant now) {
        return switch (acceptance.outcome()) {
            case ACCEPTED -> new TimelineEntry(now, "ApplicationAccepted", null,
                    "受理通知书：您的申请已受理，将分送各部门并联办理");
            case NEEDS_SUPPLEMENT -> new TimelineEntry(now, "ApplicationNeedsSupplement", null, "一次性告知书：请补正 "
                    + String.join("、", acceptance.missing().stream().map(Acceptance.Notice::message).toList()));
            case NOT_ACCEPTED -> new TimelineEntry(now, "ApplicationNotAccepted", null, "不予受理通知书："
                    + String.join("；", acceptance.reasons().stream().map(Acceptance.Notice::message).toList()));
        };
    }

    public UUID id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public ApplicationStatus status() {
        return status;
    }

    public long version() {
        return version;
    }

    public ApplicationRequest form() {
        return form.get();
    }

    /** The phone of the form's applicant (the SMS go to it), if the form has one. */
    String applicantPhone() {
        if (applicantPhone == null) {
            ApplicationRequest.Applicant applicant = form().applicant();
            applicantPhone = applicant == null ? null : applicant.phone();
        }
        return applicantPhone;
    }

    String region() {
        return region;
    }

    public Parties parties() {
        return parties;
    }

    Submission submission() {
        return submission;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    Acceptance acceptance() {
        return acceptance.get();
    }

    LocalDate deadline() {
        return deadline;
    }

    Instant completedAt() {
        return completedAt;
    }

    boolean isNew() {
        return isNew;
    }

    boolean formChanged() {
        return formChanged;
    }

    List<ApplicationItem> changedItems() {
        return changedItems.stream().map(items::get).toList();
    }

    List<TimelineEntry> newEntries() {
        return Collections.unmodifiableList(newEntries);
    }

    List<ReceivedMaterial> newMaterials() {
        return Collections.unmodifiableList(newMaterials);
    }

    /** The repository wrote what changed so far: a later save in the same transaction writes only what follows. */
    void saved() {
        isNew = false;
        formChanged = false;
        changedItems.clear();
        newEntries.clear();
        newMaterials.clear();
    }
}
