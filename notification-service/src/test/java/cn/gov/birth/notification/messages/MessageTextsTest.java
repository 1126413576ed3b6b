package cn.gov.birth.notification.messages;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemDetail;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.Handover;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The messages as families read them, in the wording of their region, from the status changes alone. */
class MessageTextsTest {

    private static final UUID APPLICATION = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");
    private static final String GUIZHOU = "520000";
    private static final String GANSU = "620000";

    private final MessageTexts texts = new MessageTexts(new MessageWordings());

    @Test
    void shouldNameTheAmountTheLastDayAndThePaymentOrderOfAPaymentDue() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, new PaymentRequested(UUID.randomUUID(),
                APPLICATION, AT, Item.MEDICAL_INSURANCE, new BigDecimal("400"), "TAX-2026-000001",
                LocalDate.of(2026, 12, 31)), ItemStatus.IN_PROGRESS, "PAYMENT_DUE"));

        assertThat(text).contains("居民医保参保登记", "400.00元", "2026年12月31日", "TAX-2026-000001", "税务缴费");
    }

    @Test
    void shouldTellTheFamilyADepartmentsAnswerToIts差评OrComplaintInChinese() {
        String rectified = texts.of(answered(FollowUpKind.RECTIFICATION, Department.POLICE, Item.HUKOU,
                "已电话联系您并优化了窗口流程。"));
        String complaint = texts.of(answered(FollowUpKind.COMPLAINT, Department.HEALTH, null, "已为您更正。"));

        assertThat(rectified).contains("出生户口登记", "差评", "公安机关已整改并答复：已电话联系您并优化了窗口流程。")
                .doesNotContain("POLICE", "HUKOU", "RECTIFICATION");
        assertThat(complaint).contains("出生一件事联办服务的投诉", "卫生健康部门已答复：已为您更正。")
                .doesNotContain("HEALTH", "COMPLAINT");
    }

    @Test
    void shouldNameAReturnedItemsReasonAndWhatToCorrect() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.ACTION_REQUIRED, new ItemReturned(UUID.randomUUID(),
                APPLICATION, AT, Item.BIRTH_CERT, "BIRTH_TIME_MISMATCH", "出生时间与医院分娩记录不一致，请核对后补正"),
                ItemStatus.RETURNED, "BIRTH_TIME_MISMATCH"));

        assertThat(text).contains("出生医学证明已退回", "退回原因：出生时间与医院记录不一致", "请补正：按出生医学证明或医院记录核对出生时间");
    }

    @Test
    void shouldTellAReturnWhoseReasonTheWordingDoesNotKnowInTheDepartmentsWords() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.ACTION_REQUIRED, new ItemReturned(UUID.randomUUID(),
                APPLICATION, AT, Item.HUKOU, "SOMETHING_NEW", "户主身份待核实，请补充户口簿首页"),
                ItemStatus.RETURNED, "SOMETHING_NEW"));

        assertThat(text).contains("出生户口登记已退回：户主身份待核实，请补充户口簿首页").doesNotContain("SOMETHING_NEW");
    }

    @Test
    void shouldSendGansuFamiliesToTheStationWithinThreeWorkingDays() {
        var registered = new HouseholdRegistered(UUID.randomUUID(), APPLICATION, AT, "620102202611200024", "620102",
                "东岗派出所");

        String gansu = texts.of(change(GANSU, ApplicationStatus.IN_PROGRESS, registered, ItemStatus.COMPLETED, null));
        String guizhou = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, registered, ItemStatus.COMPLETED, null));

        assertThat(gansu).contains("东岗派出所", "3个工作日内", "出生医学证明和户口簿原件");
        assertThat(guizhou).contains("东岗派出所").doesNotContain("3个工作日内");
        assertThat(gansu + guizhou).doesNotContain("620102202611200024");
    }

    @Test
    void shouldNameWhereTheCardIsCollectedOrThatItIsMailed() {
        String branch = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, new SocialSecurityCardApplied(
                UUID.randomUUID(), APPLICATION, AT, "ICBC", "MADE", "工商银行花果园支行"), ItemStatus.COMPLETED, null));
        String mailed = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, new SocialSecurityCardApplied(
                UUID.randomUUID(), APPLICATION, AT, "ICBC", "MADE", "邮寄"), ItemStatus.COMPLETED, null));

        assertThat(branch).contains("到工商银行花果园支行领取");
        assertThat(mailed).contains("邮寄到您填写的地址").doesNotContain("到邮寄");
    }

    @Test
    void shouldNameTheCarrierAndTheWaybillOfAMailedCertificate() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, new BirthCertificateIssued(
                UUID.randomUUID(), APPLICATION, AT, "Q000000001", false, null, null,
                Handover.mailed("中国邮政速递物流", "EA000000014CN")), ItemStatus.COMPLETED, null));

        assertThat(text).contains("已交中国邮政速递物流邮寄", "运单号 EA000000014CN").doesNotContain("领取");
        assertThat(text.replace("EA000000014CN", "")).doesNotContainPattern("[A-Z]{2,}");
    }

    @Test
    void shouldNameTheHospitalAndTheRegionsOfficeHoursWhereTheCertificateIsCollected() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, new BirthCertificateIssued(
                UUID.randomUUID(), APPLICATION, AT, "Q000000001", false, null, null,
                Handover.collected("贵阳市妇幼保健院")), ItemStatus.COMPLETED, null));

        assertThat(text).contains("于星期一至星期五上午9:00至12:00、下午13:00至17:00（法定节假日除外）到签发机构贵阳市妇幼保健院领取");
    }

    @Test
    void shouldTellGuangxiFamiliesThatTheFatherCollectsOnlyWithTheMothersAuthorization() {
        String text = texts.of(change("450000", ApplicationStatus.IN_PROGRESS, new BirthCertificateIssued(
                UUID.randomUUID(), APPLICATION, AT, "R000000001", false, null, null,
                Handover.collected("资源县人民医院")), ItemStatus.COMPLETED, null));

        assertThat(text).contains("到签发机构资源县人民医院领取", "母亲签字捺印授权委托书");
    }

    @Test
    void shouldTellJilinFamiliesWhereTheHospitalGrantsItsItemsWithoutApplication() {
        String text = texts.of(new ApplicationStatusChanged(UUID.randomUUID(), APPLICATION, AT,
                "220000-20261120-000001", "220000", 2, ApplicationStatus.IN_PROGRESS, ApplicationStatus.IN_PROGRESS,
                Item.VACCINATION, null, List.of(new ItemState(Item.VACCINATION, ItemStatus.GRANTED_AT_HOSPITAL, null)),
                null, null));

        assertThat(text).contains("预防接种证", "免申即享", "到助产机构领取", "出院时直接结算");
    }

    @Test
    void shouldNameTheCoverageDatesAndTellTheCompletionOfTheWholeApplication() {
        String text = texts.of(change(GUIZHOU, ApplicationStatus.COMPLETED, new MedicalInsuranceEnrolled(
                UUID.randomUUID(), APPLICATION, AT, List.of(2026, 2027), new BigDecimal("400.00"),
                LocalDate.of(2026, 11, 20), LocalDate.of(2027, 12, 31)), ItemStatus.COMPLETED, null));

        assertThat(text).contains("参保年度 2026年、2027年", "2026年11月20日至2027年12月31日", "申请已全部办结");
    }

    @Test
    void shouldSayOnlyThatAnItemIsInProgressWhenTheChangeCarriesNoDetail() {
        String text = texts.of(new ApplicationStatusChanged(UUID.randomUUID(), APPLICATION, AT,
                "520000-20261120-000001", null, 5, ApplicationStatus.IN_PROGRESS, ApplicationStatus.IN_PROGRESS,
                Item.MEDICAL_INSURANCE, null, List.of(new ItemState(Item.MEDICAL_INSURANCE, ItemStatus.IN_PROGRESS,
                "PAYMENT_DUE")), null, null));

        assertThat(text).isEqualTo("【出生一件事】您的申请（编号 520000-20261120-000001）中的居民医保参保登记正在办理。");
    }

    @Test
    void shouldSendBySmsWhatAsksSomethingOfTheFamilyButKeepAnItemsStartInApp() {
        ItemFact started = new ItemStarted(UUID.randomUUID(), APPLICATION, AT, Item.VACCINATION);
        ItemFact payment = new PaymentRequested(UUID.randomUUID(), APPLICATION, AT, Item.MEDICAL_INSURANCE,
                new BigDecimal("400"), "TAX-2026-000001", LocalDate.of(2026, 12, 31));
        ItemFact returned = new ItemReturned(UUID.randomUUID(), APPLICATION, AT, Item.BIRTH_CERT,
                "DELIVERY_RECORD_NOT_FOUND", "未找到分娩记录");
        ItemFact issued = new VaccinationCertificateIssued(UUID.randomUUID(), APPLICATION, AT, "52000000000001");

        assertThat(texts.bySms(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, started, ItemStatus.IN_PROGRESS, null)))
                .isFalse();
        assertThat(texts.bySms(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, payment, ItemStatus.IN_PROGRESS,
                "PAYMENT_DUE"))).isTrue();
        assertThat(texts.bySms(change(GUIZHOU, ApplicationStatus.ACTION_REQUIRED, returned, ItemStatus.RETURNED,
                "DELIVERY_RECORD_NOT_FOUND"))).isTrue();
        assertThat(texts.bySms(change(GUIZHOU, ApplicationStatus.IN_PROGRESS, issued, ItemStatus.COMPLETED, null)))
                .isTrue();
        assertThat(texts.bySms(new ApplicationStatusChanged(UUID.randomUUID(), APPLICATION, AT,
                "520000-20261120-000001", GUIZHOU, 1, ApplicationStatus.ACCEPTED, null, null, null, List.of(),
                "13800138000", null))).isTrue();
    }

    @Test
    void shouldNeverShowACodeWhateverHappensToWhichItem() {
        List<String> all = new ArrayList<>();
        for (String region : List.of(GUIZHOU, GANSU, "450000", "220000")) {
            for (ItemFact fact : everyKindOfFact()) {
                ItemStatus status = fact instanceof ItemReturned ? ItemStatus.RETURNED
                        : fact instanceof ItemRejected ? ItemStatus.REJECTED
                        : fact instanceof ItemCancelled ? ItemStatus.CANCELLED
                        : fact.finishes() ? ItemStatus.COMPLETED : ItemStatus.IN_PROGRESS;
                String reason = fact instanceof ItemNotCompleted n ? n.reasonCode() : null;
                all.add(texts.of(change(region, ApplicationStatus.PARTIALLY_COMPLETED, fact, status, reason)));
            }
            for (ApplicationStatus status : ApplicationStatus.values()) {
                all.add(texts.of(new ApplicationStatusChanged(UUID.randomUUID(), APPLICATION, AT,
                        region + "-20261120-000001", region, 1, status, null, null, null, List.of(), null, null)));
            }
        }

        assertThat(all).allSatisfy(text -> assertThat(text.replace("TAX-2026-000001", ""))
                .doesNotContainPattern("[A-Z]{2,}"));
    }

    private static List<ItemFact> everyKindOfFact() {
        UUID id = UUID.randomUUID();
        return List.of(new ItemStarted(id, APPLICATION, AT, Item.VACCINATION),
                new ItemAwaitingReview(id, APPLICATION, AT, Item.HUKOU, "LATE_REGISTRATION", "超过出生登记期限，转户籍民警人工审核"),
                new ItemReturned(id, APPLICATION, AT, Item.BIRTH_CERT, "DELIVERY_RECORD_NOT_FOUND", "未找到分娩记录"),
                new ItemRejected(id, APPLICATION, AT, Item.MEDICAL_INSURANCE, "ALREADY_INSURED", "新生儿已参保"),
                new ItemCancelled(id, APPLICATION, AT, Item.SOCIAL_SECURITY_CARD, "UPSTREAM_NOT_COMPLETED",
                        "前置事项未办结，本事项无法办理"),
                new PaymentRequested(id, APPLICATION, AT, Item.MEDICAL_INSURANCE, new BigDecimal("400.00"),
                        "TAX-2026-000001", LocalDate.of(2026, 12, 31)),
                new BirthCertificateIssued(id, APPLICATION, AT, "Q520000001", false),
                new BirthCertificateIssued(id, APPLICATION, AT, "Q520000001", false, null, null,
                        Handover.collected("贵阳市妇幼保健院")),
                new VaccinationCertificateIssued(id, APPLICATION, AT, "52000000000001"),
                new HouseholdRegistered(id, APPLICATION, AT, "520102202611200024", "520102", "花果园派出所"),
                new MedicalInsuranceEnrolled(id, APPLICATION, AT, List.of(2026), new BigDecimal("400.00"),
                        LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31)),
                new MaternityReimbursementSettled(id, APPLICATION, AT, "DIRECT", new BigDecimal("3000.00"), null, null),
                new MaternityReimbursementSettled(id, APPLICATION, AT, "MANUAL", new BigDecimal("2765.50"),
                        "中国工商银行贵阳分行", "6222***********4567"),
                new SocialSecurityCardApplied(id, APPLICATION, AT, "ICBC", "MADE", "工商银行花果园支行"),
                new ParentingGuidanceEnrolled(id, APPLICATION, AT, LocalDate.of(2027, 11, 20)));
    }

    private static ApplicationStatusChanged change(String region, ApplicationStatus status, ItemFact fact,
                                                   ItemStatus itemStatus, String reasonCode) {
        return new ApplicationStatusChanged(UUID.randomUUID(), APPLICATION, AT, region + "-20261120-000001", region, 5,
                status, ApplicationStatus.IN_PROGRESS, fact.item(), ItemDetail.of(fact),
                List.of(new ItemState(fact.item(), itemStatus, reasonCode)), "13800138000", null);
    }

    private static FamilyAnswered answered(FollowUpKind kind, Department department, Item item, String answer) {
        return new FamilyAnswered(UUID.randomUUID(), APPLICATION, AT, "520000-20261120-000001", GUIZHOU, 9,
                ApplicationStatus.COMPLETED, kind, department, item, answer, "13800138000",
                new ApplicationStatusChanged.Audience("citizen-1", List.of()));
    }
}
