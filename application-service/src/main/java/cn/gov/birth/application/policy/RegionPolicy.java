package cn.gov.birth.application.policy;

import cn.gov.birth.contracts.Item;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One region's policy for the joint service, as data (policies/&lt;region&gt;.yml): what a clerk at
 * the single window decides by, written from that region's documents.
 *
 * @param items                       the items the region offers jointly
 * @param applicants                  who may apply (MOTHER, FATHER, GRANDPARENT, ...)
 * @param applicantsWithAuthorization of those, who needs a signed authorization
 * @param registrationPeriod          how long after birth the application may be made (ISO-8601, P1Y, P1M)
 * @param birthPlaces                 division code prefixes the birth must be in; empty: not checked
 * @param households                  division code prefixes a parent's household must be in
 * @param householdRule               which parent's household counts
 * @param maritalBirthOnly            only births within marriage, both parents known
 * @param chineseCitizensOnly         both parents Chinese citizens with resident ID cards (not HK/Macau/Taiwan, not foreign)
 * @param differentEthnicity          what happens when the parents' ethnicities differ
 * @param birthCertificateRequired    the certificate must already be issued (the item is a verification)
 * @param namedNewbornRequired        the newborn must already have a name
 * @param timeLimits                  promised working days per item (0 = 即办件); an item left out has none
 * @param wholeTimeLimit              promised working days for the whole application, if stated
 * @param sources                     the documents this policy is written from
 * @param materials                   the one set of materials (申请材料), each with the items it serves
 */
public record RegionPolicy(String region, String name, Set<Item> items, Set<String> applicants,
                           Set<String> applicantsWithAuthorization, Period registrationPeriod,
                           List<String> birthPlaces, List<String> households, HouseholdRule householdRule,
                           boolean maritalBirthOnly, boolean chineseCitizensOnly, EthnicityRule differentEthnicity,
                           boolean birthCertificateRequired, boolean namedNewbornRequired,
                           Map<Item, Integer> timeLimits, Integer wholeTimeLimit, List<String> sources,
                           List<Material> materials) {

    /** Whose household must be in the region. */
    public enum HouseholdRule { ANY_PARENT, SETTLING_PARENT }

    /** Parents of different ethnicities: refused, or accepted with a confirmation or both parents' signatures. */
    public enum EthnicityRule { NOT_ACCEPTED, CONFIRMATION, BOTH_SIGNATURES, NOT_RESTRICTED }

    /** A situation that calls for a material only when it applies. */
    public enum Situation { PARENTS_ETHNICITIES_DIFFER, MANUAL_REIMBURSEMENT, APPLICANT_IS_AGENT, BIRTH_CERTIFICATE_ISSUED }

    /** One material: what it is, which items need it, in what medium and how many copies, and when. */
    public record Material(String code, String name, Set<Item> items, String medium, int copies, Situation when) {

        public Material {
            items = items == null ? Set.of() : Set.copyOf(items);
        }
    }

    public RegionPolicy {
        items = Set.copyOf(items);
        applicants = Set.copyOf(applicants);
        applicantsWithAuthorization = applicantsWithAuthorization == null ? Set.of()
                : Set.copyOf(applicantsWithAuthorization);
        birthPlaces = birthPlaces == null ? List.of() : List.copyOf(birthPlaces);
        households = households == null ? List.of() : List.copyOf(households);
        timeLimits = timeLimits == null ? Map.of() : Map.copyOf(timeLimits);
        sources = sources == null ? List.of() : List.copyOf(sources);
        materials = materials == null ? List.of() : List.copyOf(materials);
    }
}
