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
 * An application was accepted at the single window and is distributed to the departments. It
 * carries the requested items (dependencies already pulled in) and the form data they need; items the
 * region grants at the delivery hospital without application (免申即享) are not among them, so no
 * department starts work on them.
 */
public record ApplicationSubmitted(UUID eventId, UUID applicationId, Instant occurredAt, String reference,
                                   String region, List<Item> items, Applicant applicant, Person mother,
                                   Person father, Newborn newborn, Household household, Insurance insurance,
                                   Reimbursement reimbursement, Card socialSecurityCard, Delivery delivery)
        implements BirthEvent {

    public ApplicationSubmitted {
        items = List.copyOf(items);
    }

    public boolean requests(Item item) {
        return items.contains(item);
    }
}
