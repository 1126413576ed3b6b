package cn.gov.birth.application.guide;

import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdRule;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdType;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service guide (办事指南) of a region, written from the same policy data the decision uses. */
final class Guides {

    record ItemGuide(Item item, Department department, List<Item> requires, Integer timeLimitWorkingDays) {
    }

    /**
     * The guide; {@code area} is where the policy applies (a province, a city or a county),
     * {@code sources} the documents the policy data is written from.
     */
    record Guide(String region, String name, RegionPolicy.Jurisdiction area, List<ItemGuide> items,
                 List<String> conditions, List<Checklists.Entry> materials, Integer timeLimitWorkingDays,
                 String officeHours, List<RegionPolicy.Place> places, List<RegionPolicy.Phone> phones,
                 List<String> supervision, List<String> legalBasis, List<String> sources, String fees) {
    }

    static Guide of(RegionPolicy policy) {
        List<ItemGuide> items = policy.items().stream().sorted()
                .map(item -> new ItemGuide(item, item.department(), item.requires(), policy.timeLimits().get(item)))
                .toList();
        List<Checklists.Entry> materials = policy.materials().stream()
                .map(m -> new Checklists.Entry(m.code(), m.name(), m.items().stream().sorted().toList(), m.medium(),
                        m.copies()))
                .toList();
        var guide = policy.guide();
        return new Guide(policy.region(), policy.name(), policy.jurisdiction(), items, conditions(policy), materials,
                policy.wholeTimeLimit(), guide.officeHours(), guide.places(), guide.phones(), guide.supervision(),
                guide.legalBasis(), policy.sources(), "不收费");
    }

    private static List<String> conditions(RegionPolicy policy) {
        List<String> conditions = new ArrayList<>();
        conditions.add("申请人：" + relations(policy.applicants())
                + (policy.applicantsWithAuthorization().isEmpty() ? ""
                : "（" + relations(policy.applicantsWithAuthorization()) + "须经签字授权）"));
        conditions.add("申请期限：出生后" + policy.registrationPeriodText() + "内");
        if (!policy.birthPlaces().isEmpty()) {
            conditions.add("在行政区划代码以 " + String.join("、", policy.birthPlaces()) + " 开头的地区具有资质的助产机构出生");
        }
        conditions.add((policy.householdRule() == HouseholdRule.ANY_PARENT ? "父母至少一方" : "随迁落户一方")
                + "户籍在行政区划代码以 " + String.join("、", policy.households()) + " 开头的地区");
        conditions.add("在" + policy.jurisdiction().name() + "申报出生登记（落户方户籍在" + policy.jurisdiction().name()
                + "，行政区划代码 " + policy.jurisdiction().division() + "）");
        var collection = policy.certificateCollection();
        if (collection != null && !collection.withMotherAuthorization().isEmpty()) {
            conditions.add("纸质出生医学证明由新生儿母亲领取；母亲不能到场的，须在申请表中授权委托父亲领取"
                    + "（母亲签字捺印的授权委托书），或选择邮寄");
        }
        if (policy.maritalBirthOnly()) {
            conditions.add("婚内生育，父母双方信息齐全（离异、单亲、非婚生育暂不纳入）");
        }
        if (policy.chineseCitizensOnly()) {
            conditions.add("父母双方均为持有效居民身份证的中国公民（外国人、港澳台居民暂不纳入）");
        }
        conditions.add(switch (policy.differentEthnicity()) {
            case NOT_ACCEPTED -> "父母民族不同的，暂不纳入联办";
            case CONFIRMATION -> "父母民族不同的，须提交民族成分确认书";
            case BOTH_SIGNATURES -> "父母民族不同的，须父母双方在申请表上签字确认新生儿民族";
            case NOT_RESTRICTED -> "对父母民族无特别要求";
        });
        var settlement = policy.settlement();
        conditions.add("落户：随父或随母落" + String.join("或", settlement.householdTypes().stream().sorted()
                .map(HouseholdType::label).toList())
                + (settlement.settleWithSpouse().isEmpty() ? "" : "；一方为" + String.join("或",
                settlement.settleWithSpouse().stream().sorted().map(HouseholdType::label).toList())
                + "的，在另一方常住户口所在地申报出生登记"));
        var insurance = policy.insurance();
        if (insurance != null) {
            conditions.add("参保年度：" + insurance.describe()
                    + (insurance.enrollmentDays() == null ? "" : "；出生之日起" + insurance.enrollmentDays()
                    + "日内（含）参保缴费的，自出生之日起享受待遇"));
        }
        if (policy.birthCertificateRequired()) {
            conditions.add("已在助产机构办理《出生医学证明》");
        }
        policy.grantedAtHospital().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(granted ->
                conditions.add(granted.getKey().title() + "：在助产机构免申即享，无需申请（可一并勾选），领取地点：" + granted.getValue()));
        if (policy.namedNewbornRequired()) {
            conditions.add("新生儿已取名");
        }
        return conditions;
    }

    private static String relations(java.util.Set<String> relations) {
        return String.join("或", relations.stream().sorted().map(RegionPolicy.APPLICANTS::get).toList());
    }

    private Guides() {
    }
}
