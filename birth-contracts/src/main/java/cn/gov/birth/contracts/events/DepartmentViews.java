package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationForm.Applicant;
import cn.gov.birth.contracts.events.ApplicationForm.Delivery;
import cn.gov.birth.contracts.events.ApplicationForm.Household;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What of an application each department receives (PIPL's minimum necessary): its own view of the
 * form on its own topic ({@link Topics#applicationsFor}), never the whole form. The applicant's
 * and the parents' phone numbers go to no department (notices reach the family through the
 * platform); the bank account for a maternity claim only to medical insurance; the mailing
 * recipient (name, phone, address) to health when the certificate is mailed, and to human
 * resources whenever the form gives one (staff mail a card whose county has no pickup branch):
 * <table>
 * <tr><th>department</th><th>receives</th></tr>
 * <tr><td>HEALTH</td><td>mother's name and ID; newborn; household county; the certificate's delivery
 * (recipient when mailed; who collects it and the mother's authorization for that collector)</td></tr>
 * <tr><td>CDC</td><td>mother's name and ID; newborn</td></tr>
 * <tr><td>POLICE</td><td>both parents (no phones); newborn; the household section</td></tr>
 * <tr><td>MEDICAL_INSURANCE</td><td>mother's name and ID; newborn; insurance; the reimbursement account</td></tr>
 * <tr><td>HUMAN_RESOURCES</td><td>newborn; household county; the bank of the card; the card's delivery
 * and the recipient</td></tr>
 * </table>
 * A submission or supplement goes to the departments of its items; a withdrawal (no personal
 * data) to every department. Each copy has its own event id, derived from the original's. A 差评's
 * rectification or a complaint ({@link FollowUpOpened}, with the family's words) goes on the same
 * topics to the one department that answers it, and to no other; an item gone overdue (no personal
 * data either) to the item's department alone, as it is.
 */
public final class DepartmentViews {

    /** An event and the topic it goes to. */
    public record Addressed(String topic, BirthEvent event) {
    }

    private static final String MAIL = "MAIL";

    /** The copies of an application event (submitted, supplemented, withdrawn) the departments receive. */
    public static List<Addressed> of(BirthEvent event) {
        return switch (event) {
            case ApplicationSubmitted submitted -> departmentsOf(submitted).stream()
                    .map(department -> new Addressed(Topics.applicationsFor(department), view(department, submitted)))
                    .toList();
            case ApplicationSupplemented supplemented -> departmentsOf(supplemented.corrected()).stream()
                    .map(department -> new Addressed(Topics.applicationsFor(department),
                            ApplicationSupplemented.of(idFor(department, supplemented.eventId()),
                                    supplemented.occurredAt(), supplemented.resumedItems(),
                                    view(department, supplemented.corrected()))))
                    .toList();
            case ApplicationWithdrawn withdrawn -> Arrays.stream(Department.values())
                    .map(department -> new Addressed(Topics.applicationsFor(department), new ApplicationWithdrawn(
                            idFor(department, withdrawn.eventId()), withdrawn.applicationId(), withdrawn.occurredAt(),
                            withdrawn.openItems(), withdrawn.reason())))
                    .toList();
            case ItemWentOverdue overdue -> List.of(new Addressed(
                    Topics.applicationsFor(overdue.item().department()), overdue));
            default -> throw new IllegalArgumentException("not an application event: " + event.getClass().getName());
        };
    }

    /** The department's view of an accepted application: only the fields it needs, the rest null. */
    public static ApplicationSubmitted view(Department department, ApplicationSubmitted form) {
        UUID id = idFor(department, form.eventId());
        Applicant applicant = form.applicant() == null ? null : new Applicant(form.applicant().relation(), null);
        return switch (department) {
            case HEALTH -> new ApplicationSubmitted(id, form.applicationId(), form.occurredAt(), form.reference(),
                    form.region(), form.items(), applicant, identity(form.mother()), null, form.newborn(),
                    county(form.household()), null, null, null, delivery(form.delivery(), true, false));
            case CDC -> new ApplicationSubmitted(id, form.applicationId(), form.occurredAt(), form.reference(),
                    form.region(), form.items(), applicant, identity(form.mother()), null, form.newborn(), null,
                    null, null, null, null);
            case POLICE -> new ApplicationSubmitted(id, form.applicationId(), form.occurredAt(), form.reference(),
                    form.region(), form.items(), applicant, withoutPhone(form.mother()), withoutPhone(form.father()),
                    form.newborn(), form.household(), null, null, null, null);
            case MEDICAL_INSURANCE -> new ApplicationSubmitted(id, form.applicationId(), form.occurredAt(),
                    form.reference(), form.region(), form.items(), applicant, identity(form.mother()), null,
                    form.newborn(), null, form.insurance(), form.reimbursement(), null, null);
            case HUMAN_RESOURCES -> new ApplicationSubmitted(id, form.applicationId(), form.occurredAt(),
                    form.reference(), form.region(), form.items(), applicant, null, null, form.newborn(),
                    county(form.household()), null, null, form.socialSecurityCard(),
                    delivery(form.delivery(), false, true));
        };
    }

    private static List<Department> departmentsOf(ApplicationSubmitted form) {
        return Arrays.stream(Department.values())
                .filter(department -> form.items().stream().anyMatch(item -> item.department() == department))
                .toList();
    }

    /** The copy's id: stable for the original and the department, so a copy published again is recognised. */
    static UUID idFor(Department department, UUID eventId) {
        return UUID.nameUUIDFromBytes((eventId + "/" + department).getBytes(StandardCharsets.UTF_8));
    }

    private static Person identity(Person person) {
        return person == null ? null
                : new Person(person.name(), person.idType(), person.idNumber(), null, null, null, null, null);
    }

    private static Person withoutPhone(Person person) {
        return person == null ? null : new Person(person.name(), person.idType(), person.idNumber(),
                person.ethnicity(), person.nationality(), person.householdDivision(), person.householdAddress(), null);
    }

    private static Household county(Household household) {
        return household == null ? null
                : new Household(household.settleWith(), household.division(), null, null, null, null);
    }

    /**
     * The delivery choice of the department's result, with the recipient when that result is mailed
     * or, for the card, may be: staff mail a card whose county has no pickup branch.
     */
    private static Delivery delivery(Delivery delivery, boolean certificate, boolean card) {
        if (delivery == null) {
            return null;
        }
        String birthCertificate = certificate ? delivery.birthCertificate() : null;
        String socialSecurityCard = card ? delivery.socialSecurityCard() : null;
        boolean mayBeMailed = card || MAIL.equals(birthCertificate);
        // Health hands the certificate over: to whom, and on whose authorization.
        return new Delivery(birthCertificate, socialSecurityCard, mayBeMailed ? delivery.recipient() : null,
                certificate ? delivery.birthCertificateCollector() : null,
                certificate ? delivery.collectionAuthorizationDocumentId() : null);
    }

    private DepartmentViews() {
    }
}
