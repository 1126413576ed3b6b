package cn.gov.birth.contracts;

import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One realistic instance of every event type, for contract tests. */
final class EventSamples {

    static final UUID APP = UUID.fromString("6f1c2f7e-3d1a-4a8e-9b2c-1f0e5d4c3b2a");
    static final Instant AT = Instant.parse("2026-11-20T01:00:00Z");
    static final String MOTHER = ResidentIdNumber.of("520102", LocalDate.of(1994, 3, 12), 122);
    static final String FATHER = ResidentIdNumber.of("520102", LocalDate.of(1992, 7, 8), 131);

    static Map<Class<? extends BirthEvent>, BirthEvent> all() {
        return Map.ofEntries(
                Map.entry(ApplicationSubmitted.class, submitted()),
                Map.entry(ApplicationStatusChanged.class, new ApplicationStatusChanged(id(), APP, AT,
                        "520000-20261120-000001", 2, ApplicationStatus.IN_PROGRESS, ApplicationStatus.ACCEPTED,
                        Item.BIRTH_CERT, List.of(new ApplicationStatusChanged.ItemState(Item.BIRTH_CERT,
                        ItemStatus.COMPLETED, null)), "13800138000")),
                Map.entry(ItemStarted.class, new ItemStarted(id(), APP, AT, Item.HUKOU)),
                Map.entry(ItemReturned.class, new ItemReturned(id(), APP, AT, Item.BIRTH_CERT,
                        "DELIVERY_RECORD_NOT_FOUND", "未找到分娩记录")),
                Map.entry(ItemRejected.class, new ItemRejected(id(), APP, AT, Item.HUKOU, "PARENT_NOT_IN_REGISTER",
                        "父母户籍信息未找到")),
                Map.entry(ItemCancelled.class, new ItemCancelled(id(), APP, AT, Item.SOCIAL_SECURITY_CARD,
                        "UPSTREAM_NOT_COMPLETED", "户口登记未办结")),
                Map.entry(BirthCertificateIssued.class, new BirthCertificateIssued(id(), APP, AT, "Q000000001", false)),
                Map.entry(ParentingGuidanceEnrolled.class, new ParentingGuidanceEnrolled(id(), APP, AT,
                        LocalDate.of(2027, 11, 20))),
                Map.entry(VaccinationCertificateIssued.class, new VaccinationCertificateIssued(id(), APP, AT,
                        "V52000000000001")),
                Map.entry(HouseholdRegistered.class, new HouseholdRegistered(id(), APP, AT,
                        ResidentIdNumber.of("520102", LocalDate.of(2026, 11, 20), 2), "520102", "花果园派出所")),
                Map.entry(MedicalInsuranceEnrolled.class, new MedicalInsuranceEnrolled(id(), APP, AT, List.of(2026),
                        new BigDecimal("400.00"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31))),
                Map.entry(MaternityReimbursementSettled.class, new MaternityReimbursementSettled(id(), APP, AT,
                        "DIRECT", new BigDecimal("3000.00"))),
                Map.entry(SocialSecurityCardApplied.class, new SocialSecurityCardApplied(id(), APP, AT, "ICBC",
                        "SENT_TO_BANK", "中国工商银行营业网点")));
    }

    static ApplicationSubmitted submitted() {
        return new ApplicationSubmitted(id(), APP, AT, "520000-20261120-000001", "520000",
                List.of(Item.BIRTH_CERT, Item.HUKOU), new ApplicationForm.Applicant("MOTHER", "13800138000"),
                new ApplicationForm.Person("王芳", "RESIDENT_ID", MOTHER, "01", "CHN", "520102", "花果园路1号",
                        "13800138000"),
                new ApplicationForm.Person("李强", "RESIDENT_ID", FATHER, "01", "CHN", "520102", "花果园路1号",
                        "13900139000"),
                new ApplicationForm.Newborn("李", "安然", "2", OffsetDateTime.parse("2026-11-20T08:30:00+08:00"), "01",
                        "520102", "H520102001", null),
                new ApplicationForm.Household("FATHER", "520102", "李强", FATHER, "20", "520102"),
                new ApplicationForm.Insurance("520102", List.of("CURRENT", "NEXT")),
                null,
                new ApplicationForm.Card("ICBC"),
                new ApplicationForm.Delivery("PICKUP", "MAIL",
                        new ApplicationForm.Recipient("王芳", "13800138000", "花果园路1号")));
    }

    private static UUID id() {
        return UUID.randomUUID();
    }

    private EventSamples() {
    }
}
