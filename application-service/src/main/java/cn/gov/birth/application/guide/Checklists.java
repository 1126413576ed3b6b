package cn.gov.birth.application.guide;

import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.Material;
import cn.gov.birth.contracts.Item;
import java.util.ArrayList;
import java.util.EnumSet;
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
        Set<RegionPolicy.Situation> applying = applying(policy, situation);
        List<Entry> materials = new ArrayList<>();
        for (Material material : policy.materials()) {
            if (material.when() != null && !applying.contains(material.when())) {
                continue;
            }
            List<Item> served = material.items().stream().filter(items::contains).sorted().toList();
            if (!served.isEmpty()) {
                materials.add(new Entry(material.code(), material.name(), served, material.medium(),
                        material.copies()));
            }
        }
        return new Checklist(policy.region(), items.stream().sorted().toList(),
                items.stream().filter(item -> !chosen.contains(item)).sorted().toList(), materials);
    }

    private static Set<RegionPolicy.Situation> applying(RegionPolicy policy, Situation situation) {
        Set<RegionPolicy.Situation> applying = EnumSet.noneOf(RegionPolicy.Situation.class);
        if (situation == null) {
            return applying;
        }
        if (situation.motherEthnicity() != null && situation.fatherEthnicity() != null
                && !situation.motherEthnicity().equals(situation.fatherEthnicity())) {
            applying.add(RegionPolicy.Situation.PARENTS_ETHNICITIES_DIFFER);
        }
        if (situation.applicantRelation() != null
                && policy.applicantsWithAuthorization().contains(situation.applicantRelation())) {
            applying.add(RegionPolicy.Situation.APPLICANT_IS_AGENT);
        }
        if (situation.birthCertificateIssued()) {
            applying.add(RegionPolicy.Situation.BIRTH_CERTIFICATE_ISSUED);
        }
        if (situation.manualReimbursement()) {
            applying.add(RegionPolicy.Situation.MANUAL_REIMBURSEMENT);
        }
        return applying;
    }

    private Checklists() {
    }
}
