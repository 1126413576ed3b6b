package cn.gov.birth.contracts;

import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.FollowUpOpened;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CloudEvents {@code ce_type} of every event, written out rather than derived from class
 * names so that renaming a class never changes what department systems see on the wire.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends BirthEvent>> BY_TYPE = new LinkedHashMap<>();

    static {
        BY_TYPE.put("cn.gov.birth.ApplicationSubmitted.v2", ApplicationSubmitted.class);
        BY_TYPE.put("cn.gov.birth.ApplicationSupplemented.v2", ApplicationSupplemented.class);
        BY_TYPE.put("cn.gov.birth.ApplicationWithdrawn.v1", ApplicationWithdrawn.class);
        BY_TYPE.put("cn.gov.birth.ApplicationStatusChanged.v1", ApplicationStatusChanged.class);
        BY_TYPE.put("cn.gov.birth.ItemWentOverdue.v1", ItemWentOverdue.class);
        BY_TYPE.put("cn.gov.birth.ItemStarted.v1", ItemStarted.class);
        BY_TYPE.put("cn.gov.birth.ItemReturned.v1", ItemReturned.class);
        BY_TYPE.put("cn.gov.birth.ItemAwaitingReview.v1", ItemAwaitingReview.class);
        BY_TYPE.put("cn.gov.birth.PaymentRequested.v1", PaymentRequested.class);
        BY_TYPE.put("cn.gov.birth.ItemRejected.v1", ItemRejected.class);
        BY_TYPE.put("cn.gov.birth.ItemCancelled.v1", ItemCancelled.class);
        BY_TYPE.put("cn.gov.birth.BirthCertificateIssued.v1", BirthCertificateIssued.class);
        BY_TYPE.put("cn.gov.birth.ParentingGuidanceEnrolled.v1", ParentingGuidanceEnrolled.class);
        BY_TYPE.put("cn.gov.birth.VaccinationCertificateIssued.v1", VaccinationCertificateIssued.class);
        BY_TYPE.put("cn.gov.birth.HouseholdRegistered.v1", HouseholdRegistered.class);
        BY_TYPE.put("cn.gov.birth.MedicalInsuranceEnrolled.v1", MedicalInsuranceEnrolled.class);
        BY_TYPE.put("cn.gov.birth.MaternityReimbursementSettled.v1", MaternityReimbursementSettled.class);
        BY_TYPE.put("cn.gov.birth.SocialSecurityCardApplied.v1", SocialSecurityCardApplied.class);
        BY_TYPE.put("cn.gov.birth.FollowUpOpened.v1", FollowUpOpened.class);
        BY_TYPE.put("cn.gov.birth.FollowUpAnswered.v1", FollowUpAnswered.class);
        BY_TYPE.put("cn.gov.birth.FamilyAnswered.v1", FamilyAnswered.class);
    }

    private static final Map<Class<? extends BirthEvent>, String> BY_CLASS = BY_TYPE.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

    /**
     * Types no longer written that still read, as the same records: the whole form to every
     * department (v1) is what rendezvous parts stored before the departments' views were.
     */
    private static final Map<String, Class<? extends BirthEvent>> READ_ONLY = Map.of(
            "cn.gov.birth.ApplicationSubmitted.v1", ApplicationSubmitted.class,
            "cn.gov.birth.ApplicationSupplemented.v1", ApplicationSupplemented.class);

    /** The record of a type, written now or still readable. */
    public static Optional<Class<? extends BirthEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.getOrDefault(type, READ_ONLY.get(type)));
    }

    public static String typeOf(Class<? extends BirthEvent> eventClass) {
        String type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("not a registered event: " + eventClass.getName());
        }
        return type;
    }

    /** Every registered type and its record class, in registration order. */
    public static Map<String, Class<? extends BirthEvent>> all() {
        return Collections.unmodifiableMap(BY_TYPE);
    }

    private EventTypes() {
    }
}
