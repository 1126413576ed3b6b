package cn.gov.birth.application.intake;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.core.ApplicationRequest.Material;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a supplement (补正) brings: sections of the form, in the form's own shape, each replacing
 * the one filed; materials join those filed instead (one of the same type replaces the earlier).
 */
record Supplement(Set<String> sections, ApplicationRequest brought) {

    /** The parts of the form a supplement may bring; who the newborn is and where it applies stay as filed. */
    static final List<String> SUPPLEMENTABLE = List.of("applicant", "father", "marriage", "household", "insurance",
            "reimbursement", "socialSecurityCard", "delivery", "ethnicityConfirmation", "materials");
    /** What a correction of returned items may bring besides: the data a department found not to match its records. */
    static final List<String> CORRECTABLE = Stream.concat(SUPPLEMENTABLE.stream(), Stream.of("mother", "newborn"))
            .toList();

    /** The body as posted: some sections, each readable as its part of the form (which ones may come: {@link #limitedTo}). */
    static Supplement of(ObjectNode body) {
        Set<String> sections = body == null ? Set.of() : new TreeSet<>(body.propertyNames());
        if (sections.isEmpty()) {
            throw notSupplementable(CORRECTABLE);
        }
        try {
            // Only the sections that may ever come are read: any other is refused by name, not as unreadable.
            return new Supplement(sections, EventCodec.mapper().treeToValue(body.deepCopy().retain(CORRECTABLE),
                    ApplicationRequest.class));
        } catch (JacksonException e) {
            throw new InvalidInputException(List.of(new FieldError("$", "UNREADABLE", "补正内容的格式不正确")));
        }
    }

    /** Refuses sections beyond those allowed at this stage (a filing's supplement, or a correction). */
    Supplement limitedTo(List<String> allowed) {
        if (!allowed.containsAll(sections)) {
            throw notSupplementable(allowed);
        }
        return this;
    }

    /** The filed form with the sections brought. */
    ApplicationRequest applyTo(ApplicationRequest form) {
        return new ApplicationRequest(form.region(), form.channel(), form.items(),
                pick("applicant", brought.applicant(), form.applicant()), pick("mother", brought.mother(), form.mother()),
                pick("father", brought.father(), form.father()), pick("marriage", brought.marriage(), form.marriage()),
                pick("newborn", brought.newborn(), form.newborn()),
                pick("household", brought.household(), form.household()),
                pick("insurance", brought.insurance(), form.insurance()),
                pick("reimbursement", brought.reimbursement(), form.reimbursement()),
                pick("socialSecurityCard", brought.socialSecurityCard(), form.socialSecurityCard()),
                pick("delivery", brought.delivery(), form.delivery()),
                pick("ethnicityConfirmation", brought.ethnicityConfirmation(), form.ethnicityConfirmation()),
                sections.contains("materials") ? materials(form.materials(), brought.materials()) : form.materials(),
                form.promise());
    }

    private <T> T pick(String section, T broughtValue, T filed) {
        return sections.contains(section) ? broughtValue : filed;
    }

    private static List<Material> materials(List<Material> filed, List<Material> added) {
        if (added == null) {
            return filed;
        }
        Map<Object, Material> byType = new LinkedHashMap<>();
        Stream.concat(filed == null ? Stream.empty() : filed.stream(), added.stream())
                .forEach(material -> byType.put(material != null && material.type() != null ? material.type()
                        : material, material));
        return new ArrayList<>(byType.values());
    }

    private static InvalidInputException notSupplementable(List<String> allowed) {
        return new InvalidInputException(List.of(new FieldError("$", "NOT_SUPPLEMENTABLE",
                "补正内容只能包含以下部分：" + String.join("、", allowed))));
    }
}
