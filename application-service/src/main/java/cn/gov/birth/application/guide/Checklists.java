package cn.gov.birth.application.guide;

import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.contracts.Item;
import java.util.List;
import java.util.Set;

/**
 * The material checklist for a region, a choice of items and a situation: one set of materials,
 * each asked once whatever number of items needs it (重复材料只收取一份).
 */
final class Checklists {

    record Situation(String motherEthnicity, String fatherEthnicity, String applicantRelation,
                     boolean birthCertificateIssued, boolean manualReimbursement) {
    }

    record Entry(String code, String name, List<Item> items, String medium, int copies) {
    }

    record Checklist(String region, List<Item> items, List<Item> pulledIn, List<Entry> materials) {
    }

    static Checklist of(RegionPolicy policy, List<Item> chosen, Situation situation) {
        Set<Item> items = Item.withDependencies(chosen);
        Set<RegionPolicy.Situation> applying = situation == null ? Set.of() : policy.situations(
                situation.motherEthnicity() != null && situation.fatherEthnicity() != null
                        && !situation.motherEthnicity().equals(situation.fatherEthnicity()),
                situation.applicantRelation(), situation.birthCertificateIssued(), situation.manualReimbursement());
        List<Entry> materials = policy.materialsFor(items, applying).stream()
                .map(m -> new Entry(m.code(), m.name(), m.items().stream().filter(items::contains).sorted().toList(),
                        m.medium(), m.copies()))
                .toList();
        return new Checklist(policy.region(), items.stream().sorted().toList(),
                items.stream().filter(item -> !chosen.contains(item)).sorted().toList(), materials);
    }

    private Checklists() {
    }
}
