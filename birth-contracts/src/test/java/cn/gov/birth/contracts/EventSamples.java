package cn.gov.birth.contracts;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.Handover;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Realistic instances of every event type, as the services publish them, for the contract tests. */
final class EventSamples {

    static final UUID APPLICATION_ID = UUID.fromString("6f1c2f7e-3d1a-4a8e-9b2c-1f0e5d4c3b2a");
    static final UUID FOLLOW_UP_ID = UUID.fromString("0b7e2c1a-6f3d-4c9e-8a1b-2d3c4e5f6a7b");
    static final Instant AT = Instant.parse("2026-11-20T00:30:00Z");
    static final OffsetDateTime BIRTH_TIME = OffsetDateTime.parse("2026-11-20T08:30:00+08:00");
    static final String REFERENCE = "520000-20261120-000001";
    /** A woman born 1994-03-12 (even sequence). */
    static final String MOTHER_ID = ResidentIdNumber.of("520102", LocalDate.of(1994, 3, 12), 122);
    /** A man born 1990-01-01 (odd sequence). */
    static final String FATHER_ID = ResidentIdNumber.of("520102", LocalDate.of(1990, 1, 1), 123);
    /** The newborn girl's number, as the household registration assigns it. */
    static final String NEWBORN_ID = ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), 2);

    /** One sample per registered event class. */
    static Map<Class<? extends BirthEvent>, BirthEvent> all() {
        Map<Class<? extends BirthEvent>, BirthEvent> samples = new LinkedHashMap<>();
        for (BirthEvent event : List.of(
                submitted(),
                statusChanged(),
                ApplicationSupplemented.of(id(), AT, List.of(Item.BIRTH_CERT), submitted()),
                new ApplicationWithdrawn(id(), APPLICATION_ID, AT, List.of(Item.HUKOU, Item.SOCIAL_SECURITY_CARD),
                        "家庭情况变化"),
                new ItemStarted(id(), APPLICATION_ID, AT, Item.HUKOU),
                new ItemWentOverdue(id(), APPLICATION_ID, AT, REFERENCE, Item.HUKOU, LocalDate.of(2026, 12, 4)),
                new ItemReturned(id(), APPLICATION_ID, AT, Item.BIRTH_CERT, "CERTIFICATE_NUMBER_IN_USE",
                        "该出生医学证明编号已被其他申请使用，请核对后补正"),
                new ItemAwaitingReview(id(), APPLICATION_ID, AT, Item.HUKOU, "LATE_REGISTRATION",
                        "超过出生登记期限，转户籍民警人工审核"),
                new ItemRejected(id(), APPLICATION_ID, AT, Item.HUKOU, "PARENT_NOT_IN_REGISTER", "父母户籍信息未找到"),
                new ItemCancelled(id(), APPLICATION_ID, AT, Item.SOCIAL_SECURITY_CARD, "UPSTREAM_NOT_COMPLETED",
                        "前置事项未办结（父母户籍信息未找到），本事项无法办理"),
                new BirthCertificateIssued(id(), APPLICATION_ID, AT, "Q000000001", false,
                        OffsetDateTime.parse("2026-11-20T08:30+08:00"), "2", Handover.mailed("中国邮政速递物流", "EA000000014CN")),
                new ParentingGuidanceEnrolled(id(), APPLICATION_ID, AT, LocalDate.of(2027, 11, 20)),
                new VaccinationCertificateIssued(id(), APPLICATION_ID, AT, "V52000000000001"),
                new HouseholdRegistered(id(), APPLICATION_ID, AT, NEWBORN_ID, "520102", "花果园派出所"),
                new MedicalInsuranceEnrolled(id(), APPLICATION_ID, AT, List.of(2026, 2027), new BigDecimal("800.00"),
                        LocalDate.of(2026, 11, 20), LocalDate.of(2027, 12, 31)),
                new MaternityReimbursementSettled(id(), APPLICATION_ID, AT, "DIRECT", new BigDecimal("3000.00"), null, null),
                new PaymentRequested(id(), APPLICATION_ID, AT, Item.MEDICAL_INSURANCE, new BigDecimal("400.00"),
                        "TAX-2026-000001", LocalDate.of(2026, 12, 31)),
                new SocialSecurityCardApplied(id(), APPLICATION_ID, AT, "ICBC", "MADE", "中国工商银行营业网点"),
                new FollowUpOpened(id(), APPLICATION_ID, AT, FOLLOW_UP_ID, FollowUpKind.RECTIFICATION,
                        Department.POLICE, Item.HUKOU, "520000", 1, "窗口让我们跑了三趟", LocalDate.of(2026, 11, 23),
                        LocalDate.of(2026, 12, 11)),
                new FollowUpAnswered(id(), APPLICATION_ID, AT, FOLLOW_UP_ID, FollowUpKind.RECTIFICATION,
                        Department.POLICE, "已联系您并改进了户籍窗口的办理流程，感谢监督。", AT),
                new FamilyAnswered(id(), APPLICATION_ID, AT, REFERENCE, "520000", 9, ApplicationStatus.COMPLETED,
                        FollowUpKind.RECTIFICATION, Department.POLICE, Item.HUKOU, "已联系您并改进了户籍窗口的办理流程，感谢监督。",
                        "13800138000", new ApplicationStatusChanged.Audience("citizen-1", List.of("aW5kZXg"))))) {
            samples.put(event.getClass(), event);
        }
        return samples;
    }

    /** Further valid shapes that the one-per-class samples do not cover: the optional parts left out. */
    static List<BirthEvent> variants() {
        return List.of(
                minimalSubmitted(),
                ApplicationSupplemented.of(id(), AT, List.of(Item.VACCINATION), minimalSubmitted()),
                new ApplicationStatusChanged(id(), APPLICATION_ID, AT, REFERENCE, null, 1,
                        ApplicationStatus.NOT_ACCEPTED, null, null, null, List.of(), null, null),
                new ApplicationStatusChanged(id(), APPLICATION_ID, AT, REFERENCE, "520000", 5,
                        ApplicationStatus.IN_PROGRESS, ApplicationStatus.IN_PROGRESS, Item.MEDICAL_INSURANCE,
                        ApplicationStatusChanged.ItemDetail.of(new PaymentRequested(id(), APPLICATION_ID, AT,
                                Item.MEDICAL_INSURANCE, new BigDecimal("400.00"), "TAX-2026-000001",
                                LocalDate.of(2026, 12, 31))),
                        List.of(new ItemState(Item.MEDICAL_INSURANCE, ItemStatus.IN_PROGRESS, "PAYMENT_DUE")),
                        null, null),
                new ApplicationStatusChanged(id(), APPLICATION_ID, AT, REFERENCE, "520000", 6,
                        ApplicationStatus.COMPLETED, ApplicationStatus.IN_PROGRESS, Item.MEDICAL_INSURANCE,
                        ApplicationStatusChanged.ItemDetail.of(new MedicalInsuranceEnrolled(id(), APPLICATION_ID, AT,
                                List.of(2026), new BigDecimal("400.00"), LocalDate.of(2026, 11, 20),
                                LocalDate.of(2026, 12, 31))),
                        List.of(new ItemState(Item.MEDICAL_INSURANCE, ItemStatus.COMPLETED, null)), null, null),
                new BirthCertificateIssued(id(), APPLICATION_ID, AT, "S123456789", true),
                new MaternityReimbursementSettled(id(), APPLICATION_ID, AT, "MANUAL", new BigDecimal("2765.5"),
                        "中国工商银行贵阳分行", "6222***********4567"),
                new SocialSecurityCardApplied(id(), APPLICATION_ID, AT, "CCB", "MADE", null),
                new FollowUpOpened(id(), APPLICATION_ID, AT, FOLLOW_UP_ID, FollowUpKind.COMPLAINT,
                        Department.HEALTH, null, "520000", null, "证明上的名字写错了", null, LocalDate.of(2026, 12, 11)),
                new FollowUpAnswered(id(), APPLICATION_ID, AT, FOLLOW_UP_ID, FollowUpKind.COMPLAINT,
                        Department.HEALTH, "已为您更正。", null),
                new FamilyAnswered(id(), APPLICATION_ID, AT, REFERENCE, "520000", 9, ApplicationStatus.COMPLETED,
                        FollowUpKind.COMPLAINT, Department.HEALTH, null, "已为您更正。", null,
                        new ApplicationStatusChanged.Audience(null, List.of())));
    }

    /** Every section of the one-table form filled in. */
    static ApplicationSubmitted submitted() {
        return new ApplicationSubmitted(id(), APPLICATION_ID, AT, REFERENCE, "520000",
                List.of(Item.BIRTH_CERT, Item.VACCINATION, Item.HUKOU, Item.MEDICAL_INSURANCE,
                        Item.MATERNITY_REIMBURSEMENT, Item.SOCIAL_SECURITY_CARD, Item.PARENTING_GUIDANCE),
                new ApplicationForm.Applicant("MOTHER", "13800138000"),
                new ApplicationForm.Person("王芳", "RESIDENT_ID", MOTHER_ID, "01", "CHN", "520102",
                        "贵州省贵阳市南明区花果园路1号", "13800138000"),
                new ApplicationForm.Person("李强", "RESIDENT_ID", FATHER_ID, "01", "CHN", "520102",
                        "贵州省贵阳市南明区花果园路1号", "13900139000"),
                new ApplicationForm.Newborn("李", "安然", "2", BIRTH_TIME, "01", "520102", "H520102001", null),
                new ApplicationForm.Household("FATHER", "520102", "李强", FATHER_ID, "20", "520102"),
                new ApplicationForm.Insurance("520102", List.of("CURRENT", "NEXT")),
                new ApplicationForm.Reimbursement("中国工商银行贵阳分行", "6222020200112233445", "王芳"),
                new ApplicationForm.Card("ICBC"),
                new ApplicationForm.Delivery("PICKUP", "MAIL",
                        new ApplicationForm.Recipient("王芳", "13800138000", "贵州省贵阳市南明区花果园路1号"), "FATHER",
                        "AUTH-DOC-1"));
    }

    /** Only what every accepted application has: a vaccination certificate for a child of a foreign mother. */
    static ApplicationSubmitted minimalSubmitted() {
        return new ApplicationSubmitted(id(), APPLICATION_ID, AT, REFERENCE, "220000", List.of(Item.VACCINATION),
                new ApplicationForm.Applicant("MOTHER", "13800138000"),
                new ApplicationForm.Person("Anna Müller", "PASSPORT", "C01234567", null, "DEU", null, null, null),
                null,
                new ApplicationForm.Newborn(null, null, "1", OffsetDateTime.parse("2026-11-19T23:05:00+08:00"), null,
                        "220102", null, "S000000007"),
                null, null, null, null, null);
    }

    static ApplicationStatusChanged statusChanged() {
        return new ApplicationStatusChanged(id(), APPLICATION_ID, AT, REFERENCE, "520000", 4,
                ApplicationStatus.ACTION_REQUIRED, ApplicationStatus.IN_PROGRESS, Item.BIRTH_CERT,
                ApplicationStatusChanged.ItemDetail.of(new ItemReturned(id(), APPLICATION_ID, AT, Item.BIRTH_CERT,
                        "CERTIFICATE_NUMBER_IN_USE", "该出生医学证明编号已被其他申请使用，请核对后补正")), List.of(
                        new ItemState(Item.BIRTH_CERT, ItemStatus.RETURNED, "CERTIFICATE_NUMBER_IN_USE"),
                        new ItemState(Item.HUKOU, ItemStatus.WAITING, null),
                        new ItemState(Item.VACCINATION, ItemStatus.COMPLETED, null)),
                "13800138000", new ApplicationStatusChanged.Audience("citizen-7f3a",
                        List.of("mM2ixXy0Jw8Jn2kLXbU3JcR1hGkXu8bq9K2Xh6rS4pA", "Q9v1cbe1w0rVZqgJ1S6ZkWkzTz1yXl6o8R0dC7mJ2sE")));
    }

    private static UUID id() {
        return UUID.randomUUID();
    }

    private EventSamples() {
    }
}
