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
    BIRTH_CERT("出生医学证明", Department.HEALTH, List.of()),
    VACCINATION("预防接种证", Department.CDC, List.of()),
    HUKOU("出生户口登记", Department.POLICE, List.of(BIRTH_CERT)),
    MEDICAL_INSURANCE("居民医保参保登记", Department.MEDICAL_INSURANCE, List.of(HUKOU)),
    MATERNITY_REIMBURSEMENT("生育医疗费用报销", Department.MEDICAL_INSURANCE, List.of()),
    SOCIAL_SECURITY_CARD("社会保障卡申领", Department.HUMAN_RESOURCES, List.of(HUKOU)),
    PARENTING_GUIDANCE("科学育儿指导服务登记", Department.HEALTH, List.of());

    private final String title;
    private final Department department;
    private final List<Item> requires;

    Item(String title, Department department, List<Item> requires) {
        this.title = title;
        this.department = department;
        this.requires = requires;
    }

    /** The item's name as the joint service's documents give it, for text a family reads (never the code). */
    public String title() {
        return title;
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
