package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationForm.Applicant;
import cn.gov.birth.contracts.events.ApplicationForm.Card;
import cn.gov.birth.contracts.events.ApplicationForm.Delivery;
import cn.gov.birth.contracts.events.ApplicationForm.Household;
import cn.gov.birth.contracts.events.ApplicationForm.Insurance;
import cn.gov.birth.contracts.events.ApplicationForm.Newborn;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationForm.Reimbursement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The applicant supplemented (补正) what departments returned: {@code resumedItems} were RETURNED
 * and now resume. The event carries the whole corrected form, so a department decides again on it
 * without having kept the first one; an item still waiting for its upstream uses it when it starts.
 */
public record ApplicationSupplemented(UUID eventId, UUID applicationId, Instant occurredAt, List<Item> resumedItems,
                                      String reference, String region, List<Item> items, Applicant applicant,
                                      Person mother, Person father, Newborn newborn, Household household,
                                      Insurance insurance, Reimbursement reimbursement, Card socialSecurityCard,
                                      Delivery delivery) implements BirthEvent {

    public ApplicationSupplemented {
        resumedItems = List.copyOf(resumedItems);
        items = List.copyOf(items);
    }

    public boolean resumes(Item item) {
        return resumedItems.contains(item);
    }

    /** The corrected application, as departments read an accepted one. */
    public ApplicationSubmitted corrected() {
        return new ApplicationSubmitted(eventId, applicationId, occurredAt, reference, region, items, applicant, mother,
                father, newborn, household, insurance, reimbursement, socialSecurityCard, delivery);
    }

    public static ApplicationSupplemented of(UUID eventId, Instant occurredAt, List<Item> resumedItems,
                                             ApplicationSubmitted form) {
        return new ApplicationSupplemented(eventId, form.applicationId(), occurredAt, resumedItems, form.reference(),
                form.region(), form.items(), form.applicant(), form.mother(), form.father(), form.newborn(),
                form.household(), form.insurance(), form.reimbursement(), form.socialSecurityCard(), form.delivery());
    }
}
