package cn.gov.birth.application.intake;

import cn.gov.birth.application.intake.Acceptance.Notice;
import cn.gov.birth.application.intake.Acceptance.Outcome;
import cn.gov.birth.application.intake.ApplicationRequest.Parent;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.EthnicityRule;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdRule;
import cn.gov.birth.contracts.Item;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Decides once whether a well-formed application is accepted, by the region's policy. Every
 * reason and every missing material or section is collected before deciding, so the applicant is
 * told everything in one notice (一次性告知).
 */
@Component
class AcceptanceDecision {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

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
        List<Item> notOffered = items.stream().filter(item -> !policy.items().contains(item)).sorted().toList();
        if (!notOffered.isEmpty()) {
            reasons.add(new Notice("ITEM_NOT_OFFERED", policy.name() + "联办暂不包括以下事项，可通过原渠道单独办理："
                    + String.join("、", notOffered.stream().map(Item::name).toList())));
        }
        var newborn = form.newborn();
        if (policy.namedNewbornRequired() && (isBlank(newborn.surname()) || isBlank(newborn.givenName()))) {
            reasons.add(new Notice("NEWBORN_UNNAMED", "新生儿尚未取名，暂不纳入联办，请取名后再申请"));
        }
        if (policy.birthCertificateRequired() && isBlank(newborn.birthCertificateNumber())) {
            reasons.add(new Notice("BIRTH_CERTIFICATE_REQUIRED", "须先在助产机构办理《出生医学证明》，持证后再申请联办"));
        }
        if (!policy.birthPlaces().isEmpty() && !within(newborn.birthDivision(), policy.birthPlaces())) {
            reasons.add(new Notice("NOT_BORN_IN_REGION", "新生儿不在本地具有资质的助产机构出生，不属于本地联办范围"));
        }
        if (!householdInRegion(form, policy)) {
            reasons.add(new Notice("NO_PARENT_HOUSEHOLD_IN_REGION", policy.householdRule() == HouseholdRule.ANY_PARENT
                    ? "新生儿父母户口均不在本辖区内" : "随迁落户一方的户口不在本省，不能在本地联办落户"));
        }
        if (policy.maritalBirthOnly() && !maritalBirth(form)) {
            reasons.add(new Notice("NON_MARITAL_OR_SINGLE_PARENT", "仅受理婚内生育且父母双方信息齐全的新生儿"));
        }
        if (policy.chineseCitizensOnly() && parents(form).anyMatch(p -> !"CHN".equals(p.nationality())
                || !"RESIDENT_ID".equals(p.idType()))) {
            reasons.add(new Notice("PARENT_NOT_ELIGIBLE_NATIONALITY",
                    "父母须均为持有效居民身份证的中国公民（暂不包括外国人及港澳台居民）"));
        }
        if (differentEthnicities(form)) {
            switch (policy.differentEthnicity()) {
                case NOT_ACCEPTED -> reasons.add(new Notice("PARENTS_DIFFERENT_ETHNICITY", "父母民族不同的，暂不纳入联办"));
                case CONFIRMATION, BOTH_SIGNATURES -> {
                    if (isBlank(form.ethnicityConfirmation())) {
                        missing.add(new Notice("ETHNICITY_CONFIRMATION",
                                policy.differentEthnicity() == EthnicityRule.CONFIRMATION
                                        ? "父母民族不同，请提交民族成分确认书"
                                        : "父母民族不同，须父母双方在申请表上签字确认新生儿民族"));
                    }
                }
                case NOT_RESTRICTED -> {
                }
            }
        }
        LocalDate birthDate = newborn.birthTimeValue().atZoneSameInstant(CHINA).toLocalDate();
        if (LocalDate.now(clock.withZone(CHINA)).isAfter(birthDate.plus(policy.registrationPeriod()))) {
            reasons.add(new Notice("REGISTRATION_PERIOD_EXPIRED", "已超过联办申请期限（出生后"
                    + describe(policy) + "内），请通过原渠道办理"));
        }
        String relation = form.applicant().relation();
        if (!policy.applicants().contains(relation)) {
            reasons.add(new Notice("APPLICANT_NOT_ALLOWED", "本地联办须由" + String.join("或",
                    policy.applicants().stream().sorted().toList()) + "申请"));
        } else if (policy.applicantsWithAuthorization().contains(relation)
                && isBlank(form.applicant().authorizationDocumentId())) {
            missing.add(new Notice("AUTHORIZATION_LETTER", "代办的，请提交父母签字的授权委托书"));
        }
        missingSections(form, items, missing);
        if (!reasons.isEmpty()) {
            return new Acceptance(Outcome.NOT_ACCEPTED, List.of(), reasons);
        }
        if (!missing.isEmpty()) {
            return new Acceptance(Outcome.NEEDS_SUPPLEMENT, missing, List.of());
        }
        return new Acceptance(Outcome.ACCEPTED, List.of(), List.of());
    }

    private static void missingSections(ApplicationRequest form, Set<Item> items, List<Notice> missing) {
        if (items.contains(Item.HUKOU) && form.household() == null) {
            missing.add(new Notice("HOUSEHOLD_SECTION", "请填写户口登记信息（户主姓名、与户主关系、随父或随母落户）"));
        }
        if (items.contains(Item.MEDICAL_INSURANCE) && form.insurance() == null) {
            missing.add(new Notice("INSURANCE_SECTION", "请填写参保信息（参保地、参保年度）"));
        }
        if (items.contains(Item.SOCIAL_SECURITY_CARD)
                && (form.socialSecurityCard() == null || isBlank(form.socialSecurityCard().bankCode()))) {
            missing.add(new Notice("CARD_BANK", "请选择社会保障卡制卡银行"));
        }
        if (mailRequested(form) && (form.delivery().recipient() == null
                || isBlank(form.delivery().recipient().address()))) {
            missing.add(new Notice("DELIVERY_ADDRESS", "选择邮寄送达的，请填写收件人、电话和地址"));
        }
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

    private static String describe(RegionPolicy policy) {
        var period = policy.registrationPeriod();
        return period.getYears() > 0 ? period.getYears() + "年" : period.getMonths() > 0
                ? period.getMonths() + "个月" : period.getDays() + "日";
    }

    private static boolean mailRequested(ApplicationRequest form) {
        return form.delivery() != null && ("MAIL".equals(form.delivery().birthCertificate())
                || "MAIL".equals(form.delivery().socialSecurityCard()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
