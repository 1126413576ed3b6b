package cn.gov.birth.platform.test;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Events as the platform publishes them, for department services' tests. */
public final class SampleEvents {

    public static final String MOTHER_ID = "520102199403121220";
    public static final String FATHER_ID = "520102199207081313";

    /** A Guizhou family's accepted application for the given items, the newborn a girl born 2026-11-20. */
    public static ApplicationSubmitted applicationSubmitted(UUID applicationId, Item... items) {
        return applicationSubmitted(applicationId, "2", OffsetDateTime.parse("2026-11-20T08:30:00+08:00"), items);
    }

    public static ApplicationSubmitted applicationSubmitted(UUID applicationId, String sex, OffsetDateTime birthTime,
                                                            Item... items) {
        return new ApplicationSubmitted(UUID.randomUUID(), applicationId, Instant.now(),
                "520000-20261120-000001", "520000", List.copyOf(Item.withDependencies(List.of(items))),
                new ApplicationForm.Applicant("MOTHER", "13800138000"),
                new ApplicationForm.Person("王芳", "RESIDENT_ID", MOTHER_ID, "01", "CHN", "520102",
                        "贵州省贵阳市南明区花果园路1号", "13800138000"),
                new ApplicationForm.Person("李强", "RESIDENT_ID", FATHER_ID, "01", "CHN", "520102",
                        "贵州省贵阳市南明区花果园路1号", "13900139000"),
                new ApplicationForm.Newborn("李", "安然", sex, birthTime, "01", "520102", "H520102001", null),
                new ApplicationForm.Household("FATHER", "520102", "李强", FATHER_ID, "1".equals(sex) ? "20" : "30", "520102"),
                new ApplicationForm.Insurance("520102", List.of("CURRENT")),
                null,
                new ApplicationForm.Card("ICBC"),
                new ApplicationForm.Delivery("PICKUP", "PICKUP",
                        new ApplicationForm.Recipient("王芳", "13800138000", "贵州省贵阳市南明区花果园路1号")));
    }

    private SampleEvents() {
    }
}
