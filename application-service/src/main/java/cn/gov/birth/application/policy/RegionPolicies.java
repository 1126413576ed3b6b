package cn.gov.birth.application.policy;

import cn.gov.birth.application.policy.RegionPolicy.EthnicityRule;
import cn.gov.birth.application.policy.RegionPolicy.Situation;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.codes.Codes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every region's policy, read from {@code classpath:policies/*.yml} at start-up. A document that
 * is malformed or inconsistent stops the start with a message naming the file and the problem:
 * a province changes its rules by changing data, and adding a region is adding a file.
 */
@Component
public class RegionPolicies {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<String, RegionPolicy> byRegion;

    public RegionPolicies() {
        this(load("classpath:policies/*.yml"));
    }

    RegionPolicies(Map<String, RegionPolicy> byRegion) {
        this.byRegion = Map.copyOf(byRegion);
    }

    public Optional<RegionPolicy> of(String region) {
        return Optional.ofNullable(byRegion.get(region));
    }

    public Set<String> regions() {
        return byRegion.keySet();
    }

    static Map<String, RegionPolicy> load(String pattern) {
        Map<String, RegionPolicy> policies = new TreeMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(pattern)) {
                RegionPolicy policy = parse(resource.getFilename(), resource.getInputStream());
                if (policies.put(policy.region(), policy) != null) {
                    throw new IllegalStateException("Region policy " + policy.region() + " is defined twice");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read region policies " + pattern + ": " + e.getMessage(), e);
        }
        if (policies.isEmpty()) {
            throw new IllegalStateException("No region policy found at " + pattern);
        }
        return policies;
    }

    static RegionPolicy parse(String file, InputStream in) {
        RegionPolicy policy;
        try (in) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            policy = STRICT.convertValue(document, RegionPolicy.class);
        } catch (IOException | RuntimeException e) {
            String message = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalStateException("Region policy " + file + " is malformed: " + message, e);
        }
        List<String> problems = problems(file, policy);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Region policy " + file + " is invalid: " + String.join("; ", problems));
        }
        return policy;
    }

    private static List<String> problems(String file, RegionPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (policy.region() == null || !policy.region().matches("\\d{6}")) {
            problems.add("region must be a six-digit GB/T 2260 code");
        } else if (file != null && !file.equals(policy.region() + ".yml")) {
            problems.add("file must be named " + policy.region() + ".yml");
        }
        check(problems, !policy.items().isEmpty(), "items must list at least one item");
        for (Item item : policy.items()) {
            for (Item needed : item.requires()) {
                check(problems, policy.items().contains(needed), item + " is offered without " + needed
                        + ", which it needs");
            }
        }
        policy.grantedAtHospital().forEach((item, place) -> {
            check(problems, !policy.items().contains(item), item
                    + " is both offered and granted at the hospital without application");
            check(problems, place != null && !place.isBlank(), "grantedAtHospital." + item
                    + " must say where the family collects it");
        });
        check(problems, policy.channels() != null && !policy.channels().isEmpty(),
                "channels must list how applications may be filed (ONLINE, WINDOW, HOSPITAL)");
        serviceCentres(policy, problems);
        check(problems, !policy.applicants().isEmpty(), "applicants must list who may apply");
        check(problems, RegionPolicy.APPLICANTS.keySet().containsAll(policy.applicants()),
                "applicants must be among " + RegionPolicy.APPLICANTS.keySet().stream().sorted().toList());
        check(problems, policy.applicants().containsAll(policy.applicantsWithAuthorization()),
                "applicantsWithAuthorization must be among applicants");
        Period period = policy.registrationPeriod();
        check(problems, period != null && !period.isNegative() && !period.isZero(),
                "registrationPeriod must be a positive ISO-8601 period such as P1M or P1Y");
        check(problems, !policy.households().isEmpty() && policy.householdRule() != null,
                "households and householdRule must say whose household must be where");
        check(problems, policy.differentEthnicity() != null, "differentEthnicity must be stated");
        policy.timeLimits().forEach((item, days) -> {
            check(problems, days != null && days >= 0, "time limit of " + item + " must be zero or more working days");
            check(problems, policy.items().contains(item), "time limit given for " + item + ", which is not offered");
        });
        check(problems, !policy.materials().isEmpty(), "materials must list the application's materials");
        for (RegionPolicy.Material material : policy.materials()) {
            if (material.code() == null || !material.code().matches("[A-Z][A-Z_]*") || material.name() == null
                    || material.copies() < 1 || material.items().isEmpty()) {
                problems.add("material " + material.code()
                        + " needs an UPPER_SNAKE code, a name, items and copies >= 1");
            } else {
                check(problems, policy.items().containsAll(material.items()),
                        "material " + material.code() + " serves an item that is not offered");
            }
        }
        if (policy.differentEthnicity() == EthnicityRule.CONFIRMATION
                || policy.differentEthnicity() == EthnicityRule.BOTH_SIGNATURES) {
            requireMaterialFor(policy, Situation.PARENTS_ETHNICITIES_DIFFER, problems);
        }
        if (!policy.applicantsWithAuthorization().isEmpty()) {
            requireMaterialFor(policy, Situation.APPLICANT_IS_AGENT, problems);
        }
        var settlement = policy.settlement();
        if (settlement == null || settlement.householdTypes().isEmpty()) {
            problems.add("settlement.householdTypes must list the households a newborn may settle in");
        } else {
            check(problems, settlement.settleWithSpouse().stream().noneMatch(settlement.householdTypes()::contains),
                    "settlement.settleWithSpouse must not repeat an accepted household type");
        }
        check(problems, !policy.items().contains(Item.MEDICAL_INSURANCE)
                        || policy.insurance() != null && !policy.insurance().years().isEmpty(),
                "insurance.years must list the insured years on offer");
        check(problems, policy.wholeTimeLimit() == null || policy.wholeTimeLimit() >= 0,
                "wholeTimeLimit must be zero or more working days");
        jurisdiction(policy, problems);
        var collection = policy.certificateCollection();
        if (collection != null) {
            check(problems, collection.collectors().contains("MOTHER")
                            && collection.collectors().containsAll(collection.withMotherAuthorization())
                            && !collection.withMotherAuthorization().contains("MOTHER"),
                    "certificateCollection.collectors must include MOTHER and every collector who needs her"
                            + " authorization (withMotherAuthorization), the mother not among those");
        }
        guide(policy.guide(), problems);
        return problems;
    }

    /** The area is a real division of the region's province, named as the code table names it. */
    private static void jurisdiction(RegionPolicy policy, List<String> problems) {
        var area = policy.jurisdiction();
        if (area == null || area.division() == null || !area.division().matches("\\d{6}")
                || area.name() == null || area.name().isBlank()) {
            problems.add("jurisdiction must name the area the policy applies in: a six-digit division and its name");
            return;
        }
        check(problems, Codes.DIVISIONS.contains(area.division()),
                "jurisdiction.division " + area.division() + " is not a GB/T 2260 division");
        check(problems, policy.region() != null && area.division().startsWith(policy.region().substring(0, 2)),
                "jurisdiction.division must be in the region's province");
    }

    private static void guide(RegionPolicy.ServiceGuide guide, List<String> problems) {
        if (guide == null) {
            problems.add("guide must give officeHours, places, phones, supervision and legalBasis");
            return;
        }
        check(problems, guide.officeHours() != null && !guide.officeHours().isBlank(), "guide.officeHours must be given");
        check(problems, !guide.places().isEmpty() && guide.places().stream().allMatch(p ->
                p != null && notBlank(p.name()) && notBlank(p.purpose())), "guide.places must each have a name and a purpose");
        check(problems, !guide.phones().isEmpty() && guide.phones().stream().allMatch(p ->
                p != null && notBlank(p.name()) && p.number() != null && p.number().matches("[0-9][0-9-]{2,19}")),
                "guide.phones must each have a name and a number of digits (and hyphens)");
        check(problems, guide.supervision().stream().anyMatch(s -> s.contains("12345")),
                "guide.supervision must name the 12345 hotline among the supervision channels");
        check(problems, !guide.legalBasis().isEmpty() && guide.legalBasis().stream().allMatch(RegionPolicies::notBlank),
                "guide.legalBasis must list the laws and documents the service rests on");
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    /** A region with windows names its service centres, each once, with where, when and how to reach it. */
    private static void serviceCentres(RegionPolicy policy, List<String> problems) {
        check(problems, policy.channels() == null || !policy.channels().contains(RegionPolicy.Channel.WINDOW)
                || !policy.serviceCentres().isEmpty(), "serviceCentres must list the centres whose windows file applications");
        Set<String> codes = new HashSet<>();
        for (RegionPolicy.ServiceCentre centre : policy.serviceCentres()) {
            if (centre.code() == null || !centre.code().matches("[A-Za-z0-9._-]{1,64}") || Stream.of(centre.name(),
                    centre.address(), centre.hours(), centre.phone()).anyMatch(s -> s == null || s.isBlank())) {
                problems.add("service centre " + centre.code() + " needs a code (A-Z a-z 0-9 . _ -), a name, "
                        + "an address, office hours and a phone number");
            } else {
                check(problems, codes.add(centre.code()), "service centre " + centre.code() + " is listed twice");
            }
        }
    }

    private static void requireMaterialFor(RegionPolicy policy, Situation situation, List<String> problems) {
        check(problems, policy.materials().stream().anyMatch(m -> m.when() == situation),
                "a material for the situation " + situation + " is needed by the policy's rules");
    }

    private static void check(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }
}
