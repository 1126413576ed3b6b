package cn.gov.birth.notification.messages;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One region's wording of the applicant's messages ({@code messages/<region>.yml} over
 * {@code messages/default.yml}): the items and statuses named in Chinese, and a template for each
 * kind of change with placeholders in braces.
 */
record MessageWording(String prefix, Map<Item, String> items, Map<ApplicationStatus, String> statuses,
                      String started, String payment, String returned, String returnedAsSaid, String rejected,
                      String cancelled, String review, Map<Item, String> completed, String cardMailed,
                      String certificateMailed, String officeHours, String finished, Map<String, String> settlements,
                      Map<String, Reason> reasons, String grantedAtHospital, Map<FollowUpKind, String> answers,
                      Map<Department, String> departments, String wholeService, List<String> inAppOnly) {

    /** The kinds of an item's news, by the template that tells it; {@code inAppOnly} names some of them. */
    static final Set<String> ITEM_KINDS = Set.of("started", "payment", "returned", "rejected", "cancelled", "review",
            "grantedAtHospital", "completed");

    /** The items a wording does not name are called by their names in the contracts. */
    MessageWording {
        inAppOnly = inAppOnly == null ? List.of() : List.copyOf(inAppOnly);
        Map<Item, String> named = new EnumMap<>(Item.class);
        for (Item item : Item.values()) {
            named.put(item, item.title());
        }
        if (items != null) {
            named.putAll(items);
        }
        items = Map.copyOf(named);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /** A code (an enum constant, a reason code) is what a family must never read. */
    private static final Pattern CODE = Pattern.compile("[A-Z]{2,}");

    /** The placeholders each template may use: what the status change has for that kind of message. */
    static final Map<String, Set<String>> PLACEHOLDERS = Map.ofEntries(
            Map.entry("prefix", Set.of("reference")),
            Map.entry("started", Set.of("item")),
            Map.entry("payment", Set.of("item", "amount", "payBy", "paymentReference")),
            Map.entry("returned", Set.of("item", "reason", "correction")),
            Map.entry("returnedAsSaid", Set.of("item", "message")),
            Map.entry("rejected", Set.of("item", "message")),
            Map.entry("cancelled", Set.of("item", "message")),
            Map.entry("review", Set.of("item", "message")),
            Map.entry("grantedAtHospital", Set.of("item")),
            Map.entry("completed.BIRTH_CERT", Set.of("certificateNumber", "collectionPlace", "officeHours")),
            Map.entry("completed.VACCINATION", Set.of("certificateNumber", "officeHours")),
            Map.entry("completed.HUKOU", Set.of("policeStation", "officeHours")),
            Map.entry("completed.MEDICAL_INSURANCE",
                    Set.of("insuredYears", "contributionDue", "coverageStart", "coverageEnd")),
            Map.entry("completed.MATERNITY_REIMBURSEMENT", Set.of("settlement", "reimbursed")),
            Map.entry("completed.SOCIAL_SECURITY_CARD", Set.of("pickupBranch", "officeHours")),
            Map.entry("completed.PARENTING_GUIDANCE", Set.of("enrolledUntil")),
            Map.entry("cardMailed", Set.of()),
            Map.entry("certificateMailed", Set.of("certificateNumber", "carrier", "waybillNumber")),
            // The region's office hours, said where a family is sent somewhere to collect a result.
            Map.entry("officeHours", Set.of()),
            Map.entry("answers.RECTIFICATION", Set.of("about", "department", "answer")),
            Map.entry("answers.COMPLAINT", Set.of("about", "department", "answer")),
            Map.entry("finished", Set.of("status")));

    /** Why an item was returned and what the family corrects, in its words. */
    record Reason(String reason, String correction) {
    }

    /** What is wrong with this wording as a whole (after a region's file was laid over the default). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, String> templates = templates();
        PLACEHOLDERS.forEach((name, allowed) -> {
            String template = templates.get(name);
            if (template == null || template.isBlank()) {
                problems.add(name + " is missing");
                return;
            }
            Matcher matcher = PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                if (!allowed.contains(matcher.group(1))) {
                    problems.add(name + " uses {" + matcher.group(1) + "}, which it does not have (it has "
                            + allowed.stream().sorted().toList() + ")");
                }
            }
        });
        missing(problems, "statuses", statuses, EnumSet.allOf(ApplicationStatus.class));
        missing(problems, "departments", departments, EnumSet.allOf(Department.class));
        inAppOnly.stream().filter(kind -> !ITEM_KINDS.contains(kind)).forEach(kind -> problems.add(
                "inAppOnly names " + kind + ", which is not a kind of an item's news (" + ITEM_KINDS.stream().sorted()
                        .toList() + ")"));
        if (settlements == null || !settlements.keySet().containsAll(Set.of("DIRECT", "MANUAL"))) {
            problems.add("settlements must name DIRECT and MANUAL");
        }
        words().forEach((name, text) -> {
            if (text == null || text.isBlank()) {
                problems.add(name + " is empty");
            } else if (CODE.matcher(PLACEHOLDER.matcher(text).replaceAll("")).find()) {
                problems.add(name + " carries a code: " + text);
            }
        });
        return problems;
    }

    /** The templates by name ({@code completed.<ITEM>} for the completions). */
    Map<String, String> templates() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("prefix", prefix);
        templates.put("started", started);
        templates.put("payment", payment);
        templates.put("returned", returned);
        templates.put("returnedAsSaid", returnedAsSaid);
        templates.put("rejected", rejected);
        templates.put("cancelled", cancelled);
        templates.put("review", review);
        templates.put("grantedAtHospital", grantedAtHospital);
        templates.put("cardMailed", cardMailed);
        templates.put("certificateMailed", certificateMailed);
        templates.put("officeHours", officeHours);
        templates.put("finished", finished);
        if (completed != null) {
            completed.forEach((item, template) -> templates.put("completed." + item, template));
        }
        if (answers != null) {
            answers.forEach((kind, template) -> templates.put("answers." + kind, template));
        }
        return templates;
    }

    /** Every text a family may read, by where it is. */
    private Map<String, String> words() {
        Map<String, String> words = new LinkedHashMap<>(templates());
        BiConsumer<String, Map<?, String>> add = (name, map) -> {
            if (map != null) {
                map.forEach((key, text) -> words.put(name + "." + key, text));
            }
        };
        add.accept("items", items);
        add.accept("statuses", statuses);
        add.accept("settlements", settlements);
        add.accept("departments", departments);
        words.put("wholeService", wholeService);
        if (reasons != null) {
            reasons.forEach((code, reason) -> {
                words.put("reasons." + code + ".reason", reason == null ? null : reason.reason());
                words.put("reasons." + code + ".correction", reason == null ? null : reason.correction());
            });
        }
        return words;
    }

    private static <K> void missing(List<String> problems, String name, Map<K, String> map, Set<K> all) {
        Set<K> absent = map == null ? all : all.stream().filter(key -> !map.containsKey(key))
                .collect(Collectors.toSet());
        if (!absent.isEmpty()) {
            problems.add(name + " must name " + Arrays.toString(absent.stream().map(String::valueOf).sorted()
                    .toArray()));
        }
    }
}
