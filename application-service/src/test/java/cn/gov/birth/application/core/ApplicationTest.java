package cn.gov.birth.application.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.application.core.Acceptance.Notice;
import cn.gov.birth.application.core.Acceptance.Outcome;
import cn.gov.birth.application.core.Application.ApplicationItem;
import cn.gov.birth.application.core.Application.Submission;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Payment;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.web.ProblemException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The application's rules without a database: what each command changes and which events it returns. */
class ApplicationTest {

    private static final Instant NOW = Instant.parse("2026-11-20T02:00:00Z");
    private static final LocalDate DUE = LocalDate.of(2026, 12, 31);
    private static final DueDates DUE_DATES = new DueDates() {
        @Override
        public LocalDate of(String region, Item item, LocalDate accepted) {
            return DUE;
        }

        @Override
        public LocalDate ofApplication(String region, LocalDate accepted) {
            return DUE;
        }
    };
    private static final Acceptance ACCEPTED = new Acceptance(Outcome.ACCEPTED, List.of(), List.of());
    private static final Parties PARTIES = new Parties("citizen-1", "mother-index", null, null);
    /** Jilin's: granted at the hospital without application (免申即享), with where to collect them. */
    private static final Map<Item, String> AT_HOSPITAL = Map.of(Item.VACCINATION, "新生儿出生的助产机构",
            Item.MATERNITY_REIMBURSEMENT, "分娩的助产机构（出院时直接结算）");

    private final ApplicationRequest form = EventCodec.mapper().convertValue(JsonHttp.newFamily(),
            ApplicationRequest.class);

    @Test
    void shouldDistributeAnAcceptedFormWithItsItemsWaitingForWhatTheyNeed() {
        Application.Filed filed = filed(ACCEPTED);
        Application application = filed.application();

        assertThat(application.status()).isEqualTo(ApplicationStatus.ACCEPTED);
        assertThat(application.changedItems()).extracting(ApplicationItem::item)
                .containsExactlyElementsOf(Item.withDependencies(form.items()));
        assertThat(item(application, Item.BIRTH_CERT).status()).isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(item(application, Item.HUKOU).status()).isEqualTo(ItemStatus.WAITING);
        assertThat(item(application, Item.HUKOU).deadline()).isEqualTo(DUE);
        assertThat(filed.events()).hasExactlyElementsOfTypes(ApplicationSubmitted.class,
                ApplicationStatusChanged.class);
        ApplicationSubmitted submitted = (ApplicationSubmitted) filed.events().getFirst();
        assertThat(submitted.mother().idNumber()).isEqualTo(form.mother().idNumber());
        assertThat(submitted.newborn().birthTime()).isEqualTo(form.newborn().birthTimeValue());
        assertThat(submitted.household().division()).isEqualTo(form.settlingParent().householdDivision());
        assertThat(application.newEntries()).extracting(Application.TimelineEntry::type)
                .containsExactly("ApplicationAccepted");
    }

    @Test
    void shouldShowItemsGrantedAtTheHospitalWithWhereToCollectThemAndSendThemToNoDepartment() {
        Application.Filed filed = filedInJilin(form);
        Application application = filed.application();

        assertThat(application.status()).isEqualTo(ApplicationStatus.ACCEPTED);
        for (Item granted : AT_HOSPITAL.keySet()) {
            ApplicationItem item = item(application, granted);
            assertThat(item.status()).as(granted.name()).isEqualTo(ItemStatus.GRANTED_AT_HOSPITAL);
            assertThat(item.deadline()).as(granted.name()).isNull();
            assertThat(EventCodec.mapper().readTree(item.resultJson()).get("place").asString())
                    .isEqualTo(AT_HOSPITAL.get(granted));
        }
        assertThat(item(application, Item.BIRTH_CERT).status()).isEqualTo(ItemStatus.IN_PROGRESS);
        ApplicationSubmitted submitted = (ApplicationSubmitted) filed.events().getFirst();
        assertThat(submitted.items()).containsExactlyInAnyOrder(Item.BIRTH_CERT, Item.HUKOU, Item.MEDICAL_INSURANCE,
                Item.SOCIAL_SECURITY_CARD, Item.PARENTING_GUIDANCE);
        assertThat(((ApplicationStatusChanged) filed.events().getLast()).items())
                .contains(new ItemState(Item.VACCINATION, ItemStatus.GRANTED_AT_HOSPITAL, null));
        assertThat(application.newEntries()).extracting(Application.TimelineEntry::type)
                .containsExactly("MaterialsReceived", "ApplicationAccepted", "ItemGrantedAtHospital",
                        "ItemGrantedAtHospital");
        assertThat(application.newEntries().get(2).detail()).contains("免申即享", "新生儿出生的助产机构");
    }

    @Test
    void shouldCompleteWhenTheDepartmentsFinishBesideTheItemsGrantedAtTheHospital() {
        Application application = filedInJilin(ticking(Item.BIRTH_CERT, Item.VACCINATION,
                Item.MATERNITY_REIMBURSEMENT)).application();

        application.apply(new BirthCertificateIssued(UUID.randomUUID(), application.id(), NOW, "Q000000001", true),
                NOW);

        assertThat(application.status()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(application.completedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldCompleteAtOnceAnApplicationOfItemsGrantedAtTheHospitalOnly() {
        Application.Filed filed = filedInJilin(ticking(Item.VACCINATION, Item.MATERNITY_REIMBURSEMENT));

        assertThat(filed.application().status()).isEqualTo(ApplicationStatus.COMPLETED);
        assertThat(filed.application().completedAt()).isEqualTo(NOW);
        assertThat(filed.events()).hasExactlyElementsOfTypes(ApplicationStatusChanged.class);
        assertThat(((ApplicationStatusChanged) filed.events().getFirst()).status())
                .isEqualTo(ApplicationStatus.COMPLETED);
    }

    @Test
    void shouldKeepAFormThatNeedsSupplementUndistributed() {
        Application.Filed filed = filed(new Acceptance(Outcome.NEEDS_SUPPLEMENT,
                List.of(new Notice("MARRIAGE_CERTIFICATE", "结婚证")), List.of()));

        assertThat(filed.application().status()).isEqualTo(ApplicationStatus.NEEDS_SUPPLEMENT);
        assertThat(filed.application().changedItems()).isEmpty();
        assertThat(filed.events()).hasExactlyElementsOfTypes(ApplicationStatusChanged.class);
    }

    @Test
    void shouldFoldFactsUntilEveryItemCompletes() {
        Application application = filed(ACCEPTED).application();
        List<BirthEvent> events = application.apply(started(application, Item.BIRTH_CERT), NOW);

        assertThat(application.status()).isEqualTo(ApplicationStatus.IN_PROGRESS);
        assertThat(application.version()).isEqualTo(2);
        assertThat(((ApplicationStatusChanged) events.getFirst()).changedItem()).isEqualTo(Item.BIRTH_CERT);

        application.apply(new BirthCertificateIssued(UUID.randomUUID(), application.id(), NOW, "Q000000001", false),
                NOW);
        assertThat(item(application, Item.BIRTH_CERT).status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(item(application, Item.BIRTH_CERT).resultJson()).contains("Q000000001");
    }

    @Test
    void shouldTellTheApplicantTheAmountOrderAndLastDayOfARequestedPayment() {
        Application application = filed(ACCEPTED).application();
        List<BirthEvent> events = application.apply(new PaymentRequested(UUID.randomUUID(), application.id(), NOW,
                Item.MEDICAL_INSURANCE, new BigDecimal("400.00"), "TAX-2026-000001", DUE), NOW);

        ApplicationStatusChanged change = (ApplicationStatusChanged) events.getFirst();
        assertThat(change.region()).isEqualTo(form.region());
        assertThat(change.detail().payment())
                .isEqualTo(new Payment(new BigDecimal("400.00"), "TAX-2026-000001", DUE));
    }

    @Test
    void shouldTellTheApplicantWhyAnItemWasReturnedAndWhatACompletionProduced() {
        Application application = filed(ACCEPTED).application();
        ApplicationStatusChanged returned = (ApplicationStatusChanged) application.apply(new ItemReturned(
                UUID.randomUUID(), application.id(), NOW, Item.BIRTH_CERT, "DELIVERY_RECORD_NOT_FOUND",
                "未找到分娩记录"), NOW).getFirst();
        application.correct(form, PARTIES, List.of("newborn"), NOW);
        ApplicationStatusChanged issued = (ApplicationStatusChanged) application.apply(new BirthCertificateIssued(
                UUID.randomUUID(), application.id(), NOW, "Q000000001", false), NOW).getFirst();

        assertThat(returned.detail().reasonMessage()).isEqualTo("未找到分娩记录");
        assertThat(issued.detail().result().certificateNumber()).isEqualTo("Q000000001");
    }

    @Test
    void shouldIgnoreAFactAboutAnItemNotRequestedOrAlreadyFinished() {
        Application application = filed(ACCEPTED).application();
        application.apply(new BirthCertificateIssued(UUID.randomUUID(), application.id(), NOW, "Q000000001", false),
                NOW);
        long version = application.version();

        assertThat(application.apply(started(application, Item.BIRTH_CERT), NOW)).isEmpty();
        assertThat(item(application, Item.BIRTH_CERT).status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(application.version()).isEqualTo(version);
    }

    @Test
    void shouldResumeReturnedItemsWithTheCorrectedForm() {
        Application application = filed(ACCEPTED).application();
        application.apply(new ItemReturned(UUID.randomUUID(), application.id(), NOW, Item.BIRTH_CERT,
                "DELIVERY_RECORD_NOT_FOUND", "未找到分娩记录"), NOW);
        assertThat(application.status()).isEqualTo(ApplicationStatus.ACTION_REQUIRED);

        List<BirthEvent> events = application.correct(form, PARTIES, List.of("newborn"), NOW);

        assertThat(application.status()).isEqualTo(ApplicationStatus.IN_PROGRESS);
        assertThat(item(application, Item.BIRTH_CERT).status()).isEqualTo(ItemStatus.IN_PROGRESS);
        assertThat(item(application, Item.BIRTH_CERT).reasonCode()).isNull();
        assertThat(((ApplicationSupplemented) events.getFirst()).resumedItems()).containsExactly(Item.BIRTH_CERT);
    }

    @Test
    void shouldTellDepartmentsTheOpenItemsWhenWithdrawn() {
        Application application = filed(ACCEPTED).application();
        application.apply(new BirthCertificateIssued(UUID.randomUUID(), application.id(), NOW, "Q000000001", false),
                NOW);

        List<BirthEvent> events = application.withdraw("不办了", NOW);

        assertThat(application.status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(((ApplicationWithdrawn) events.getFirst()).openItems()).doesNotContain(Item.BIRTH_CERT)
                .contains(Item.HUKOU);
        assertThatThrownBy(() -> application.withdraw(null, NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void shouldNotCompleteAWithdrawnApplicationWhenDepartmentsCancelLate() {
        Application application = filed(ACCEPTED).application();
        application.withdraw(null, NOW);

        application.apply(new ItemStarted(UUID.randomUUID(), application.id(), NOW, Item.HUKOU), NOW);

        assertThat(application.status()).isEqualTo(ApplicationStatus.WITHDRAWN);
        assertThat(application.completedAt()).isNull();
    }

    private Application.Filed filed(Acceptance acceptance) {
        return Application.submit(UUID.randomUUID(), "520000-20261120-000001", new Submission(Channel.ONLINE, null,
                null, null, null), form, acceptance, PARTIES, DUE_DATES, Map.of(), NOW);
    }

    private static Application.Filed filedInJilin(ApplicationRequest form) {
        return Application.submit(UUID.randomUUID(), "220000-20261120-000001", new Submission(Channel.WINDOW,
                "220102-ZWFW", null, null, null), form, ACCEPTED, PARTIES, DUE_DATES, AT_HOSPITAL, NOW);
    }

    /** The sample family's form with only these items ticked. */
    private static ApplicationRequest ticking(Item... items) {
        ObjectNode form = JsonHttp.newFamily();
        ArrayNode ticked = form.putArray("items");
        Arrays.stream(items).forEach(item -> ticked.add(item.name()));
        return EventCodec.mapper().convertValue(form, ApplicationRequest.class);
    }

    private static ItemStarted started(Application application, Item item) {
        return new ItemStarted(UUID.randomUUID(), application.id(), NOW, item);
    }

    private static ApplicationItem item(Application application, Item item) {
        return application.changedItems().stream().filter(i -> i.item() == item).findFirst().orElseThrow();
    }
}
