package cn.gov.birth.contracts.events;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The applicant-visible state of an application changed: its overall status or one of its items.
 * {@code version} grows by one with every change, so readers can drop stale copies. {@code audience}
 * says who may read it (no ID number in clear). {@code region} chooses the wording of the messages,
 * and {@code detail} says what the fact about {@code changedItem} said, so a message can name it.
 */
public record ApplicationStatusChanged(UUID eventId, UUID applicationId, Instant occurredAt, String reference,
                                       String region, long version, ApplicationStatus status,
                                       ApplicationStatus previousStatus, Item changedItem, ItemDetail detail,
                                       List<ItemState> items, String applicantPhone, Audience audience)
        implements BirthEvent {

    public ApplicationStatusChanged {
        items = List.copyOf(items);
    }

    public record ItemState(Item item, ItemStatus status, String reasonCode) {
    }

    /** Its readers: the submitter (a token subject) and the parents, by keyed indexes of their ID numbers. */
    public record Audience(String submittedBy, List<String> parentIndexes) {

        public Audience {
            parentIndexes = parentIndexes == null ? List.of() : List.copyOf(parentIndexes);
        }
    }

    /**
     * What a department's fact said about the changed item, in typed parts (null where the fact has
     * none): its message for people, a payment to make, a completion's result.
     */
    public record ItemDetail(String reasonMessage, Payment payment, Result result) {

        /** The detail of a fact: the one place that reads each kind of fact for the applicant. */
        public static ItemDetail of(ItemFact fact) {
            return switch (fact) {
                case PaymentRequested p -> new ItemDetail(p.message(),
                        new Payment(p.amount(), p.paymentReference(), p.payBy()), null);
                case ItemNotCompleted n -> new ItemDetail(n.message(), null, null);
                case ItemCompleted c -> new ItemDetail(null, null, Result.of(c));
                default -> new ItemDetail(null, null, null);
            };
        }
    }

    /** A payment the applicant has to make: the amount, the payment order's reference, the last day. */
    public record Payment(BigDecimal amount, String paymentReference, LocalDate payBy) {
    }

    /**
     * A completed item's result, each item filling its own fields. The newborn's citizen ID number is
     * not among them: a message may go to a phone, and the number is read in the application's result.
     * {@code handover}: how the paper birth certificate reaches the family (waybill or place).
     */
    public record Result(String certificateNumber, String householdDivision, String policeStation,
                         List<Integer> insuredYears, BigDecimal contributionDue, LocalDate coverageStart,
                         LocalDate coverageEnd, String settlement, BigDecimal amount, String bankCode,
                         String pickupBranch, LocalDate enrolledUntil, Handover handover) {

        public Result {
            insuredYears = insuredYears == null ? null : List.copyOf(insuredYears);
        }

        /** A result without a handover. */
        public Result(String certificateNumber, String householdDivision, String policeStation,
                      List<Integer> insuredYears, BigDecimal contributionDue, LocalDate coverageStart,
                      LocalDate coverageEnd, String settlement, BigDecimal amount, String bankCode,
                      String pickupBranch, LocalDate enrolledUntil) {
            this(certificateNumber, householdDivision, policeStation, insuredYears, contributionDue, coverageStart,
                    coverageEnd, settlement, amount, bankCode, pickupBranch, enrolledUntil, null);
        }

        static Result of(ItemCompleted completion) {
            return switch (completion) {
                case BirthCertificateIssued b -> new Result(b.certificateNumber(), null, null, null, null, null, null,
                        null, null, null, null, null, b.handover());
                case VaccinationCertificateIssued v -> new Result(v.certificateNumber(), null, null, null, null, null,
                        null, null, null, null, null, null);
                case HouseholdRegistered h -> new Result(null, h.householdDivision(), h.policeStation(), null, null,
                        null, null, null, null, null, null, null);
                case MedicalInsuranceEnrolled m -> new Result(null, null, null, m.insuredYears(), m.contributionDue(),
                        m.coverageStart(), m.coverageEnd(), null, null, null, null, null);
                case MaternityReimbursementSettled s -> new Result(null, null, null, null, null, null, null,
                        s.settlement(), s.amount(), null, null, null);
                case SocialSecurityCardApplied c -> new Result(null, null, null, null, null, null, null, null, null,
                        c.bankCode(), c.pickupBranch(), null);
                case ParentingGuidanceEnrolled g -> new Result(null, null, null, null, null, null, null, null, null,
                        null, null, g.enrolledUntil());
                default -> null;
            };
        }
    }
}
