package cn.gov.birth.application.intake;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.Acceptance.Notice;
import cn.gov.birth.application.core.Acceptance.Outcome;
import cn.gov.birth.application.core.ApplicationRequest.Parent;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.EthnicityRule;
import cn.gov.birth.application.policy.RegionPolicy.FormPart;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdType;
import cn.gov.birth.application.policy.RegionPolicy.InsuredYear;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdRule;
import cn.gov.birth.contracts.Item;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Decides once whether a well-formed application is accepted, by the region's policy. Every
 * reason and every missing material or section is collected before deciding, so the applicant is
 * told everything in one notice (一次性告知).
 */
@Component
class AcceptanceDecision {

    private final RegionPolicies policies;
    private final Clock clock;

    AcceptanceDecision(RegionPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    Acceptance decide(ApplicationRequest form, Set<Item> items) {
        RegionPolicy policy = policies.of(form.region()).orElseThrow();
        List<Notice> reasons = new ArrayList<>();
        List<Notice> missing = new ArrayList<>();
        List<Item> notOffered = items.stream().filter(item -> !policy.accepts(item)).sorted().toList();
        note(reasons, !notOffered.isEmpty(), "ITEM_NOT_OFFERED", policy.name() + "联办暂不包括以下事项，可通过原渠道单独办理："
                + String.join("、", notOffered.stream().map(Item::title).toList()));
        var newborn = form.newborn();
        note(reasons, policy.namedNewbornRequired() && (isBlank(newborn.surname()) || isBlank(newborn.givenName())),
                "NEWBORN_UNNAMED", "新生儿尚未取名，暂不纳入联办，请取名后再申请");
        note(reasons, policy.birthCertificateRequired() && isBlank(newborn.birthCertificateNumber()),
                "BIRTH_CERTIFICATE_REQUIRED", "须先在助产机构办理《出生医学证明》，持证后再申请联办");
        note(reasons, !policy.birthPlaces().isEmpty() && !within(newborn.birthDivision(), policy.birthPlaces()),
                "NOT_BORN_IN_REGION", "新生儿不在本地具有资质的助产机构出生，不属于本地联办范围");
        note(reasons, !householdInRegion(form, policy), "NO_PARENT_HOUSEHOLD_IN_REGION",
                policy.householdRule() == HouseholdRule.ANY_PARENT
                        ? "新生儿父母户口均不在本辖区内" : "随迁落户一方的户口不在本省，不能在本地联办落户");
        note(reasons, policy.maritalBirthOnly() && !maritalBirth(form), "NON_MARITAL_OR_SINGLE_PARENT",
                "仅受理婚内生育且父母双方信息齐全的新生儿");
        note(reasons, policy.chineseCitizensOnly() && parents(form).anyMatch(p -> !"CHN".equals(p.nationality())
                        || !"RESIDENT_ID".equals(p.idType())), "PARENT_NOT_ELIGIBLE_NATIONALITY",
                "父母须均为持有效居民身份证的中国公民（暂不包括外国人及港澳台居民）");
        note(reasons, differentEthnicities(form) && policy.differentEthnicity() == EthnicityRule.NOT_ACCEPTED,
                "PARENTS_DIFFERENT_ETHNICITY", "父母民族不同的，暂不纳入联办");
        if (items.contains(Item.HUKOU)) {
            settlement(form, policy, reasons, missing);
        }
        LocalDate birthDate = newborn.birthTimeValue().atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
        LocalDate today = LocalDate.now(clock.withZone(ChinaTime.ZONE));
        note(reasons, today.isAfter(birthDate.plus(policy.registrationPeriod())),
                "REGISTRATION_PERIOD_EXPIRED", "已超过联办申请期限（出生后" + policy.registrationPeriodText() + "内），请通过原渠道办理");
        note(reasons, !policy.applicants().contains(form.applicant().relation()), "APPLICANT_NOT_ALLOWED",
                "本地联办须由" + String.join("或", policy.applicants().stream().sorted().toList()) + "申请");
        missingSections(form, items, missing);
        if (items.contains(Item.MEDICAL_INSURANCE) && form.insurance() != null && policy.insurance() != null) {
            insuredYears(form, policy, birthDate, missing);
        }
        missingMaterials(form, items, policy, missing);
        if (!reasons.isEmpty()) {
            return new Acceptance(Outcome.NOT_ACCEPTED, List.of(), reasons);
        }
        if (!missing.isEmpty()) {
            return new Acceptance(Outcome.NEEDS_SUPPLEMENT, missing, List.of());
        }
        return new Acceptance(Outcome.ACCEPTED, List.of(), List.of());
    }

    private static void missingSections(ApplicationRequest form, Set<Item> items, List<Notice> missing) {
        note(missing, items.contains(Item.HUKOU) && form.household() == null, "HOUSEHOLD_SECTION",
                "请填写户口登记信息（户主姓名、与户主关系、随父或随母落户）");
        note(missing, items.contains(Item.MEDICAL_INSURANCE) && form.insurance() == null, "INSURANCE_SECTION",
                "请填写参保信息（参保地、参保年度）");
        note(missing, items.contains(Item.SOCIAL_SECURITY_CARD)
                && (form.socialSecurityCard() == null || isBlank(form.socialSecurityCard().bankCode())),
                "CARD_BANK", "请选择社会保障卡制卡银行");
        note(missing, mailRequested(form) && (form.delivery().recipient() == null
                || isBlank(form.delivery().recipient().address())), "DELIVERY_ADDRESS", "选择邮寄送达的，请填写收件人、电话和地址");
    }

    /** Adds the notice when it applies. */
    private static void note(List<Notice> notices, boolean applies, String code, String message) {
        if (applies) {
            notices.add(new Notice(code, message));
        }
    }

    /**
     * Where the newborn settles: a household kind the region accepts; a student collective
     * household or a serviceman sends the registration to the other parent's household (a
     * correction of the household section), anything else is outside the joint service.
     */
    private static void settlement(ApplicationRequest form, RegionPolicy policy, List<Notice> reasons,
                                   List<Notice> missing) {
        Parent settling = form.settlingParent();
        if (settling == null) {
            return;
        }
        var rule = policy.settlement();
        HouseholdType type = settling.householdTypeValue();
        if (rule.householdTypes().contains(type)) {
            return;
        }
        Parent other = form.otherParent();
        if (rule.settleWithSpouse().contains(type) && other != null
                && rule.householdTypes().contains(other.householdTypeValue())) {
            missing.add(new Notice("HOUSEHOLD_SECTION", (type == HouseholdType.SERVICEMAN
                    ? "父母一方为现役军人的，新生儿应在地方居民一方常住户口所在地申报出生登记"
                    : "父母一方为学生集体户口的，新生儿应在配偶家庭户口所在地申报出生登记")
                    + "，请将落户方改为" + ("MOTHER".equals(form.household().settleWith()) ? "父亲" : "母亲")));
            return;
        }
        reasons.add(new Notice("HOUSEHOLD_TYPE_NOT_ELIGIBLE", "本地联办仅受理落户到"
                + String.join("或", rule.householdTypes().stream().sorted().map(HouseholdType::label).toList())
                + "的出生登记，" + type.label() + "请通过原渠道办理"));
    }

    private static void insuredYears(ApplicationRequest form, RegionPolicy policy, LocalDate birthDate,
                                     List<Notice> missing) {
        var options = policy.insurance();
        boolean offered = form.insurance().years().stream()
                .allMatch(year -> options.offers(InsuredYear.valueOf(year), birthDate));
        if (!offered) {
            missing.add(new Notice("INSURANCE_SECTION", "本地新生儿可选择的参保年度为" + options.describe()
                    + "，请重新选择参保年度"));
        }
    }

    /** Every material the chosen items need in the family's situation and the form does not bring, at once. */
    private static void missingMaterials(ApplicationRequest form, Set<Item> items, RegionPolicy policy,
                                         List<Notice> missing) {
        Set<String> submitted = form.materials() == null ? Set.of() : form.materials().stream()
                .map(ApplicationRequest.Material::type).collect(Collectors.toSet());
        var situations = policy.situations(differentEthnicities(form), form.applicant().relation(),
                !isBlank(form.newborn().birthCertificateNumber()), form.reimbursement() != null);
        for (RegionPolicy.Material material : policy.materialsFor(items, situations)) {
            if (!submitted.contains(material.code()) && !provided(form, material.field())) {
                missing.add(new Notice(material.code(), "请提交" + material.name() + "（" + material.medium() + "，"
                        + material.copies() + "份）"));
            }
        }
    }

    private static boolean provided(ApplicationRequest form, FormPart part) {
        if (part == null) {
            return false;
        }
        return switch (part) {
            case SIGNED_FORM -> Boolean.TRUE.equals(form.promise());
            case ETHNICITY_CONFIRMATION -> !isBlank(form.ethnicityConfirmation());
            case AUTHORIZATION -> !isBlank(form.applicant().authorizationDocumentId());
            case BANK_ACCOUNT -> form.reimbursement() != null && !isBlank(form.reimbursement().bankName())
                    && !isBlank(form.reimbursement().accountNumber())
                    && !isBlank(form.reimbursement().accountHolder());
        };
    }

    private static boolean householdInRegion(ApplicationRequest form, RegionPolicy policy) {
        if (policy.householdRule() == HouseholdRule.SETTLING_PARENT && form.settlingParent() != null) {
            return within(form.settlingParent().householdDivision(), policy.households());
        }
        return parents(form).anyMatch(p -> within(p.householdDivision(), policy.households()));
    }

    private static boolean maritalBirth(ApplicationRequest form) {
        return form.father() != null && form.marriage() != null && "MARRIED".equals(form.marriage().status());
    }

    private static boolean differentEthnicities(ApplicationRequest form) {
        return form.father() != null && form.mother().ethnicity() != null && form.father().ethnicity() != null
                && !form.mother().ethnicity().equals(form.father().ethnicity());
    }

    private static Stream<Parent> parents(ApplicationRequest form) {
        return Stream.of(form.mother(), form.father()).filter(p -> p != null);
    }

    private static boolean within(String division, List<String> prefixes) {
        return division != null && prefixes.stream().anyMatch(division::startsWith);
    }

    private static boolean mailRequested(ApplicationRequest form) {
        return form.delivery() != null && ("MAIL".equals(form.delivery().birthCertificate())
                || "MAIL".equals(form.delivery().socialSecurityCard()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
