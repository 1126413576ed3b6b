package cn.gov.birth.application.policy;

import cn.gov.birth.contracts.Item;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One region's policy for the joint service, as data (policies/&lt;region&gt;.yml): what a clerk at
 * the single window decides by, written from that region's documents.
 *
 * @param applicants                  who may apply (MOTHER, FATHER, GRANDPARENT, ...)
 * @param applicantsWithAuthorization of those, who needs a signed authorization
 * @param registrationPeriod          how long after birth the application may be made (ISO-8601, P1Y, P1M)
 * @param birthPlaces                 division code prefixes the birth must be in; empty: not checked
 * @param households                  division code prefixes a parent's household must be in
 * @param maritalBirthOnly            only births within marriage, both parents known
 * @param chineseCitizensOnly         both parents Chinese citizens with resident ID cards (not HK/Macau/Taiwan, not foreign)
 * @param birthCertificateRequired    the certificate must already be issued (the item is a verification)
 * @param timeLimits                  promised working days per item (0 = 即办件); an item left out has none
 * @param wholeTimeLimit              promised working days for the whole application, if stated
 * @param sources                     the documents this policy is written from
 * @param materials                   the one set of materials (申请材料), each with the items it serves
 * @param grantedAtHospital           items the delivery hospital grants without application (免申即享),
 *                                    each with where the family collects it: a family may tick them, they
 *                                    are shown as granted and go to no department
 * @param jurisdiction                the area the policy names (a province, a city or a county): where
 *                                    the birth is registered must be in it
 * @param certificateCollection       who may collect the paper birth certificate, and who only with the
 *                                    mother's authorization (Guangxi); null: not restricted
 * @param guide                       what the service guide tells beyond the rules: office hours, places,
 *                                    phone numbers, supervision channels, legal basis
 * @param serviceCentres              the government service centres (政务服务中心) whose windows file
 *                                    applications for families (channel WINDOW); a clerk's token names one
 */
public record RegionPolicy(String region, String name, Set<Item> items, Set<String> applicants,
                           Set<String> applicantsWithAuthorization, Period registrationPeriod,
                           List<String> birthPlaces, List<String> households, HouseholdRule householdRule,
                           boolean maritalBirthOnly, boolean chineseCitizensOnly, EthnicityRule differentEthnicity,
                           boolean birthCertificateRequired, boolean namedNewbornRequired,
                           Map<Item, Integer> timeLimits, Integer wholeTimeLimit, List<String> sources,
                           List<Material> materials, Settlement settlement, InsuranceOptions insurance,
                           Set<Channel> channels, Map<Item, String> grantedAtHospital, Jurisdiction jurisdiction,
                           CertificateCollection certificateCollection, ServiceGuide guide,
                           List<ServiceCentre> serviceCentres) {

    /**
     * The area a policy names, by its GB/T 2260 code: a province (xx0000), a city (xxxx00) or a county;
     * a place is in it when its code starts with the area's significant digits (2, 4 or 6).
     */
    public record Jurisdiction(String division, String name) {

        public String prefix() {
            return division.endsWith("0000") ? division.substring(0, 2)
                    : division.endsWith("00") ? division.substring(0, 4) : division;
        }

        public boolean contains(String place) {
            return place != null && place.startsWith(prefix());
        }
    }

    /**
     * Who collects the paper birth certificate in person: {@code collectors} may, and of them
     * {@code withMotherAuthorization} only with the mother's signed authorization carried by the form
     * (seed 003 七（一）1: the mother collects; the father only when she authorizes it in the form).
     */
    public record CertificateCollection(Set<String> collectors, Set<String> withMotherAuthorization) {

        public CertificateCollection {
            collectors = collectors == null ? Set.of() : Set.copyOf(collectors);
            withMotherAuthorization = withMotherAuthorization == null ? Set.of() : Set.copyOf(withMotherAuthorization);
        }
    }

    /**
     * The service guide's practical parts (办事指南: 办理时间, 办理地点, 咨询电话, 监督方式, 设定依据).
     *
     * @param officeHours  when the offices receive families
     * @param places       where to file and to collect, each with what is done there
     * @param phones       numbers to call, each with whom it reaches
     * @param supervision  where to complain or report (12345 and the region's channels)
     * @param legalBasis   the laws and documents the service rests on
     */
    public record ServiceGuide(String officeHours, List<Place> places, List<Phone> phones, List<String> supervision,
                               List<String> legalBasis) {

        public ServiceGuide {
            places = places == null ? List.of() : List.copyOf(places);
            phones = phones == null ? List.of() : List.copyOf(phones);
            supervision = supervision == null ? List.of() : List.copyOf(supervision);
            legalBasis = legalBasis == null ? List.of() : List.copyOf(legalBasis);
        }
    }

    public record Place(String name, String purpose) {
    }

    public record Phone(String name, String number) {
    }

    /** The applicants a policy may name (the form's relation codes), as a family reads them. */
    public static final Map<String, String> APPLICANTS = Map.of("MOTHER", "新生儿母亲", "FATHER", "新生儿父亲",
            "GRANDPARENT", "祖父母或外祖父母");

    /** How an application reaches the joint service, and who files it there. */
    public enum Channel {
        /** A parent (or the agent the policy allows) on the portal. */
        ONLINE,
        /** A clerk at a government service centre's window, for the family in front of them. */
        WINDOW,
        /** The delivery hospital's staff, helping the parents file (助产机构帮办). */
        HOSPITAL
    }

    /** A service centre with a window for the joint service: its code (a clerk's token names it) and where and when it is open. */
    public record ServiceCentre(String code, String name, String address, String hours, String phone) {
    }

    /** Whose household must be in the region. */
    public enum HouseholdRule { ANY_PARENT, SETTLING_PARENT }

    /** Parents of different ethnicities: refused, or accepted with a confirmation or both parents' signatures. */
    public enum EthnicityRule { NOT_ACCEPTED, CONFIRMATION, BOTH_SIGNATURES, NOT_RESTRICTED }

    /** A situation that calls for a material only when it applies. */
    public enum Situation { PARENTS_ETHNICITIES_DIFFER, MANUAL_REIMBURSEMENT, APPLICANT_IS_AGENT, BIRTH_CERTIFICATE_ISSUED }

    /**
     * One material: what it is, which items need it, in what medium and how many copies, and when.
     * {@code field} names the part of the form that provides it; other materials are listed in the
     * form's {@code materials}.
     */
    public record Material(String code, String name, Set<Item> items, String medium, int copies, Situation when,
                           FormPart field) {

        public Material {
            items = items == null ? Set.of() : Set.copyOf(items);
        }
    }

    /** Parts of the form that stand for a material, so that nothing is asked twice. */
    public enum FormPart {
        /** The one-table form itself, signed through its promise clause. */
        SIGNED_FORM,
        /** {@code ethnicityConfirmation}: the confirmation document or both parents' signatures. */
        ETHNICITY_CONFIRMATION,
        /** {@code applicant.authorizationDocumentId}: the signed authorization of an agent. */
        AUTHORIZATION,
        /** {@code reimbursement}: bank, account and holder of a manual claim. */
        BANK_ACCOUNT
    }

    /** The kind of household (户别) a parent is registered in; an active serviceman has none locally. */
    public enum HouseholdType {
        FAMILY("家庭户"), COMMUNITY_COLLECTIVE("社区集体户"), UNIT_COLLECTIVE("单位集体户"),
        STUDENT_COLLECTIVE("学生集体户"), SERVICEMAN("现役军人");

        private final String label;

        HouseholdType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Where the newborn may settle.
     *
     * @param householdTypes   the settling parent's household kinds the joint service accepts
     * @param settleWithSpouse kinds whose child registers at the other parent's household instead
     *                         (a student collective household, an active serviceman: Gansu's guide)
     */
    public record Settlement(Set<HouseholdType> householdTypes, Set<HouseholdType> settleWithSpouse) {

        public Settlement {
            householdTypes = householdTypes == null ? Set.of() : Set.copyOf(householdTypes);
            settleWithSpouse = settleWithSpouse == null ? Set.of() : Set.copyOf(settleWithSpouse);
        }
    }

    /** An insured year as the form names it. */
    public enum InsuredYear { CURRENT, NEXT }

    /**
     * The insured years on offer.
     *
     * @param years            the years anyone may choose
     * @param nextYearBornFrom births from this day of the year (MM-dd) may also choose the next year
     *                         (Gansu: born 1 October to 31 December and not insured that year)
     * @param enrollmentDays   the days after birth within which enrollment counts from birth
     */
    public record InsuranceOptions(Set<InsuredYear> years, MonthDay nextYearBornFrom,
                                   Integer enrollmentDays) {

        public InsuranceOptions {
            years = years == null ? Set.of() : Set.copyOf(years);
        }

        public boolean offers(InsuredYear year, LocalDate birthDate) {
            return years.contains(year) || year == InsuredYear.NEXT && nextYearBornFrom != null
                    && !MonthDay.from(birthDate).isBefore(nextYearBornFrom);
        }

        /** The years on offer as the guide and the one-time notice word them. */
        public String describe() {
            return String.join("、", years.stream().sorted().map(y -> y == InsuredYear.CURRENT ? "当年度" : "次年度")
                    .toList()) + (nextYearBornFrom == null ? "" : "；" + nextYearBornFrom.getMonthValue() + "月"
                    + nextYearBornFrom.getDayOfMonth() + "日至12月31日出生、当年未能参保的，可参加次年度");
        }
    }

    /** The situations that call for conditional materials, from what the applicant says of the family. */
    public Set<Situation> situations(boolean ethnicitiesDiffer, String applicantRelation, boolean certificateIssued,
                                     boolean manualReimbursement) {
        boolean agent = applicantRelation != null && applicantsWithAuthorization.contains(applicantRelation);
        return EnumSet.allOf(Situation.class).stream().filter(situation -> switch (situation) {
            case PARENTS_ETHNICITIES_DIFFER -> ethnicitiesDiffer;
            case APPLICANT_IS_AGENT -> agent;
            case BIRTH_CERTIFICATE_ISSUED -> certificateIssued;
            case MANUAL_REIMBURSEMENT -> manualReimbursement;
        }).collect(Collectors.toCollection(() -> EnumSet.noneOf(Situation.class)));
    }

    /** The one set of materials for these items in these situations, each once (重复材料只收取一份). */
    public List<Material> materialsFor(Set<Item> chosen, Set<Situation> applying) {
        return materials.stream()
                .filter(m -> m.when() == null || applying.contains(m.when()))
                .filter(m -> m.items().stream().anyMatch(chosen::contains))
                .toList();
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
        grantedAtHospital = grantedAtHospital == null ? Map.of() : Map.copyOf(grantedAtHospital);
        serviceCentres = serviceCentres == null ? List.of() : List.copyOf(serviceCentres);
    }

    /** The region's service centre with this code, if it has one. */
    public Optional<ServiceCentre> serviceCentre(String code) {
        return serviceCentres.stream().filter(centre -> centre.code().equals(code)).findFirst();
    }

    /** The registration period as a family reads it (1年, 1个月). */
    public String registrationPeriodText() {
        return registrationPeriod.getYears() > 0 ? registrationPeriod.getYears() + "年"
                : registrationPeriod.getMonths() > 0 ? registrationPeriod.getMonths() + "个月"
                : registrationPeriod.getDays() + "日";
    }

    /** Whether a family may tick the item: offered in the joint service, or granted at the hospital. */
    public boolean accepts(Item item) {
        return items.contains(item) || grantedAtHospital.containsKey(item);
    }
}
