package cn.gov.birth.contracts;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The seven items of the joint service and their order of processing (前后置关系): the birth
 * certificate first, then household registration, then medical insurance and the card.
 */
public enum Item {
    BIRTH_CERT(Department.HEALTH, List.of()),
    VACCINATION(Department.CDC, List.of()),
    HUKOU(Department.POLICE, List.of(BIRTH_CERT)),
    MEDICAL_INSURANCE(Department.MEDICAL_INSURANCE, List.of(HUKOU)),
    MATERNITY_REIMBURSEMENT(Department.MEDICAL_INSURANCE, List.of()),
    SOCIAL_SECURITY_CARD(Department.HUMAN_RESOURCES, List.of(HUKOU)),
    PARENTING_GUIDANCE(Department.HEALTH, List.of());

    private final Department department;
    private final List<Item> requires;

    Item(Department department, List<Item> requires) {
        this.department = department;
        this.requires = requires;
    }

    public Department department() {
        return department;
    }

    /** The items whose results this item needs before it can start. */
    public List<Item> requires() {
        return requires;
    }

    /** The chosen items together with every item they depend on, directly or not. */
    public static Set<Item> withDependencies(Collection<Item> chosen) {
        Set<Item> all = EnumSet.noneOf(Item.class);
        for (Item item : chosen) {
            all.add(item);
            all.addAll(withDependencies(item.requires));
        }
        return all;
    }
}
