package cn.gov.birth.application.intake;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.core.ApplicationRequest.Parent;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.application.policy.RegionPolicy.HouseholdType;
import cn.gov.birth.application.policy.RegionPolicy.InsuredYear;
import cn.gov.birth.contracts.codes.CodeTable;
import cn.gov.birth.contracts.codes.Codes;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks the form's shape field by field and reports every problem at once: what is malformed
 * is a 400 and nothing is stored. Whether a well-formed application is acceptable is the
 * acceptance decision's business, not this class's.
 */
@Component
class FormValidator {

    static final int MAX_TEXT = 200;
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Set<String> ID_TYPES = Set.of("RESIDENT_ID", "PASSPORT", "HMT_PERMIT", "FOREIGN_PERMANENT_RESIDENT");
    private static final Set<String> CHANNELS = names(Channel.values());
    /** A newborn's sex is known: GB/T 2261.1's 1 or 2, not 0 (unknown) or 9 (unstated). */
    private static final Set<String> NEWBORN_SEXES = Set.of("1", "2");
    /** GB/T 4761 relations that only a boy or only a girl can have to the household head (son, grandson ...). */
    private static final Set<String> BOYS_RELATIONS = Set.of("20", "21", "22", "23", "24", "25", "26", "27", "29",
            "41", "43", "47", "93", "95");
    private static final Set<String> GIRLS_RELATIONS = Set.of("30", "31", "32", "33", "34", "35", "36", "37", "39",
            "42", "44", "48", "94", "96");
    /** GB/T 4761 relations a newborn cannot have: the head, a spouse, a child's spouse, a parent or grandparent. */
    private static final Set<String> NOT_A_NEWBORNS_RELATION = Set.of("01", "02", "10", "11", "12", "28", "38",
            "45", "46", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64", "65",
            "66", "67", "68", "69");
    private static final Set<String> SETTLE_WITH = Set.of("FATHER", "MOTHER");
    private static final Set<String> INSURED_YEARS = names(InsuredYear.values());
    private static final Set<String> HOUSEHOLD_TYPES = names(HouseholdType.values());
    private static final Set<String> DELIVERY_MODES = Set.of("PICKUP", "MAIL");
    private static final Set<String> COLLECTORS = Set.of("MOTHER", "FATHER");
    private static final Set<String> MARRIAGE = Set.of("MARRIED", "DIVORCED", "UNMARRIED", "WIDOWED");

    private final RegionPolicies policies;
    private final Clock clock;

    FormValidator(RegionPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    void validate(ApplicationRequest form) {
        Errors errors = new Errors();
        if (form == null) {
            errors.add("$", "REQUIRED", "请求体不能为空");
            throw errors.toException();
        }
        if (errors.required("region", form.region()) && policies.of(form.region()).isEmpty()) {
            errors.add("region", "UNKNOWN_REGION", "该地区尚未开通出生一件事联办");
        }
        if (form.channel() != null && !CHANNELS.contains(form.channel())) {
            errors.add("channel", "UNKNOWN_CODE", "办理渠道应为 ONLINE、WINDOW 或 HOSPITAL");
        }
        if (form.items() == null || form.items().isEmpty()) {
            errors.add("items", "REQUIRED", "请至少选择一个办理事项");
        } else if (form.items().contains(null)) {
            errors.add("items", "UNKNOWN_CODE", "办理事项代码不正确");
        }
        if (errors.required("applicant", form.applicant())) {
            errors.required("applicant.relation", form.applicant().relation());
            errors.mobile("applicant.phone", form.applicant().phone(), true);
            errors.text("applicant.authorizationDocumentId", form.applicant().authorizationDocumentId());
        }
        if (errors.required("mother", form.mother())) {
            parent("mother", form.mother(), "2", form.newborn(), errors);
        }
        if (form.father() != null) {
            parent("father", form.father(), "1", form.newborn(), errors);
        }
        if (form.marriage() != null) {
            errors.oneOf("marriage.status", form.marriage().status(), MARRIAGE, false);
            errors.text("marriage.certificateNumber", form.marriage().certificateNumber());
        }
        if (errors.required("newborn", form.newborn())) {
            newborn(form.newborn(), errors);
        }
        if (form.household() != null) {
            var household = form.household();
            if (errors.oneOf("household.settleWith", household.settleWith(), SETTLE_WITH, true)
                    && form.settlingParent() == null) {
                errors.add("household.settleWith", "PARENT_MISSING", "随迁落户的父亲或母亲信息未填写");
            }
            errors.text("household.headName", household.headName());
            errors.residentId("household.headIdNumber", household.headIdNumber(), false);
            relationToHead(household.relationToHead(), form.newborn(), errors);
            errors.code("household.nativePlace", household.nativePlace(), Codes.DIVISIONS,
                    "行政区划代码应为 GB/T 2260 的六位代码");
        }
        if (form.insurance() != null) {
            errors.county("insurance.insuredDivision", form.insurance().insuredDivision(), true);
            List<String> years = form.insurance().years();
            if (years == null || years.isEmpty()) {
                errors.add("insurance.years", "REQUIRED", "请选择参保年度");
            } else if (years.stream().anyMatch(y -> y == null || !INSURED_YEARS.contains(y))) {
                errors.add("insurance.years", "UNKNOWN_CODE", "参保年度应为 CURRENT 或 NEXT");
            }
        }
        if (form.reimbursement() != null) {
            errors.text("reimbursement.bankName", form.reimbursement().bankName());
            errors.text("reimbursement.accountNumber", form.reimbursement().accountNumber());
            errors.text("reimbursement.accountHolder", form.reimbursement().accountHolder());
        }
        if (form.socialSecurityCard() != null) {
            errors.text("socialSecurityCard.bankCode", form.socialSecurityCard().bankCode());
        }
        if (form.delivery() != null) {
            errors.oneOf("delivery.birthCertificate", form.delivery().birthCertificate(), DELIVERY_MODES, false);
            errors.oneOf("delivery.socialSecurityCard", form.delivery().socialSecurityCard(), DELIVERY_MODES, false);
            errors.oneOf("delivery.birthCertificateCollector", form.delivery().birthCertificateCollector(),
                    COLLECTORS, false);
            errors.text("delivery.collectionAuthorizationDocumentId",
                    form.delivery().collectionAuthorizationDocumentId());
            var recipient = form.delivery().recipient();
            if (recipient != null) {
                errors.text("delivery.recipient.name", recipient.name());
                errors.mobile("delivery.recipient.phone", recipient.phone(), false);
                errors.text("delivery.recipient.address", recipient.address());
            }
        }
        errors.text("ethnicityConfirmation", form.ethnicityConfirmation());
        if (form.materials() != null) {
            if (form.materials().size() > 50) {
                errors.add("materials", "TOO_MANY", "材料不能超过50份");
            }
            for (int i = 0; i < Math.min(50, form.materials().size()); i++) {
                var material = form.materials().get(i);
                if (material == null) {
                    errors.add("materials[" + i + "]", "REQUIRED", "材料不能为空");
                } else {
                    errors.required("materials[" + i + "].type", material.type());
                    errors.text("materials[" + i + "].documentId", material.documentId());
                }
            }
        }
        if (!Boolean.TRUE.equals(form.promise())) {
            errors.add("promise", "PROMISE_REQUIRED", "申请人须作出承诺");
        }
        if (!errors.list.isEmpty()) {
            throw errors.toException();
        }
    }

    /**
     * A parent's fields, and what a resident ID number says of its holder: the sex digit (odd for
     * men, even for women) and a birth date before the newborn's.
     */
    private void parent(String field, Parent parent, String sex, ApplicationRequest.Newborn newborn, Errors errors) {
        errors.required(field + ".name", parent.name());
        if (errors.oneOf(field + ".idType", parent.idType(), ID_TYPES, true)) {
            if ("RESIDENT_ID".equals(parent.idType())) {
                if (errors.residentId(field + ".idNumber", parent.idNumber(), true)) {
                    identity(field, parent, sex, newborn, errors);
                }
            } else {
                errors.required(field + ".idNumber", parent.idNumber());
            }
        }
        errors.code(field + ".ethnicity", parent.ethnicity(), Codes.ETHNICITIES, "民族代码应为 GB/T 3304 的两位代码");
        errors.code(field + ".nationality", parent.nationality(), Codes.COUNTRIES, "国籍代码应为 ISO 3166 三位字母代码");
        if ("RESIDENT_ID".equals(parent.idType()) && parent.nationality() != null && !"CHN".equals(parent.nationality())) {
            errors.add(field + ".nationality", "NATIONALITY_MISMATCH", "持居民身份证的，国籍应为中国（CHN）");
        }
        errors.oneOf(field + ".householdType", parent.householdType(), HOUSEHOLD_TYPES, false);
        errors.county(field + ".householdDivision", parent.householdDivision(), false);
        errors.text(field + ".householdAddress", parent.householdAddress());
        errors.text(field + ".currentAddress", parent.currentAddress());
        errors.mobile(field + ".phone", parent.phone(), false);
    }

    private void identity(String field, Parent parent, String sex, ApplicationRequest.Newborn newborn,
                          Errors errors) {
        if (!sex.equals(ResidentIdNumber.sex(parent.idNumber()))) {
            errors.add(field + ".idNumber", "SEX_MISMATCH", "2".equals(sex)
                    ? "母亲的身份证号码性别位应为女性（偶数）" : "父亲的身份证号码性别位应为男性（奇数）");
        }
        LocalDate born = ResidentIdNumber.birthDate(parent.idNumber());
        LocalDate newbornBorn = birthDate(newborn);
        if (born.isAfter(LocalDate.now(clock.withZone(ChinaTime.ZONE)))
                || newbornBorn != null && !born.isBefore(newbornBorn)) {
            errors.add(field + ".idNumber", "BIRTH_DATE_INCONSISTENT",
                    "身份证号码中的出生日期应早于新生儿出生日期且不晚于今天");
        }
    }

    /** GB/T 4761: a known code, one a newborn can have, and not one of the other sex (a son, a granddaughter ...). */
    private static void relationToHead(String relation, ApplicationRequest.Newborn newborn, Errors errors) {
        String field = "household.relationToHead";
        if (!errors.code(field, relation, Codes.FAMILY_RELATIONS, "与户主关系应为 GB/T 4761 家庭关系代码")
                || relation == null) {
            return;
        }
        if (NOT_A_NEWBORNS_RELATION.contains(relation)) {
            errors.add(field, "RELATION_NOT_POSSIBLE", "新生儿与户主的关系不可能为“"
                    + Codes.FAMILY_RELATIONS.name(relation).orElse(relation) + "”");
        } else if (newborn != null && ("1".equals(newborn.sex()) && GIRLS_RELATIONS.contains(relation)
                || "2".equals(newborn.sex()) && BOYS_RELATIONS.contains(relation))) {
            errors.add(field, "SEX_MISMATCH", "与户主关系“" + Codes.FAMILY_RELATIONS.name(relation).orElse(relation)
                    + "”与新生儿性别不符");
        }
    }

    private static LocalDate birthDate(ApplicationRequest.Newborn newborn) {
        try {
            return newborn == null || newborn.birthTime() == null ? null
                    : newborn.birthTimeValue().atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }

    private void newborn(ApplicationRequest.Newborn newborn, Errors errors) {
        errors.text("newborn.surname", newborn.surname());
        errors.text("newborn.givenName", newborn.givenName());
        errors.oneOf("newborn.sex", newborn.sex(), NEWBORN_SEXES, true);
        if (newborn.birthTime() == null) {
            errors.add("newborn.birthTime", "REQUIRED", "出生时间不能为空");
        } else {
            try {
                if (newborn.birthTimeValue().toInstant().isAfter(clock.instant())) {
                    errors.add("newborn.birthTime", "IN_FUTURE", "出生时间不能晚于当前时间");
                }
            } catch (DateTimeParseException e) {
                errors.add("newborn.birthTime", "INVALID_DATE_TIME",
                        "出生时间应为带时区的ISO-8601格式，例如 2026-11-20T08:30:00+08:00");
            }
        }
        errors.code("newborn.ethnicity", newborn.ethnicity(), Codes.ETHNICITIES, "民族代码应为 GB/T 3304 的两位代码");
        errors.county("newborn.birthDivision", newborn.birthDivision(), true);
        errors.text("newborn.hospitalCode", newborn.hospitalCode());
        if (newborn.birthCertificateNumber() != null
                && !newborn.birthCertificateNumber().matches("[A-Z]\\d{9}")) {
            errors.add("newborn.birthCertificateNumber", "INVALID_FORMAT", "出生医学证明编号应为一位字母加九位数字");
        }
    }

    /** Collects field errors; each check returns whether the value is present and well-formed. */
    private static final class Errors {

        private final List<FieldError> list = new ArrayList<>();

        void add(String field, String code, String message) {
            list.add(new FieldError(field, code, message));
        }

        boolean required(String field, Object value) {
            if (value == null || value instanceof String s && s.isBlank()) {
                add(field, "REQUIRED", "必填项不能为空");
                return false;
            }
            return !(value instanceof String s) || text(field, s);
        }

        boolean text(String field, String value) {
            if (value != null && value.length() > MAX_TEXT) {
                add(field, "TOO_LONG", "长度不能超过" + MAX_TEXT + "个字符");
                return false;
            }
            return value != null;
        }

        boolean oneOf(String field, String value, Set<String> allowed, boolean required) {
            if (value == null) {
                return !required || required(field, null);
            }
            if (!allowed.contains(value)) {
                add(field, "UNKNOWN_CODE", "取值应为 " + String.join("、", allowed.stream().sorted().toList()) + " 之一");
                return false;
            }
            return true;
        }

        /** A code of the table, or absent; returns whether the value is absent or known. */
        boolean code(String field, String value, CodeTable table, String message) {
            if (value != null && !table.contains(value)) {
                add(field, "UNKNOWN_CODE", message);
                return false;
            }
            return true;
        }

        /** A county-level division (区、县、县级市): where people are registered, born and insured. */
        void county(String field, String value, boolean required) {
            if (!absent(field, value, required) && !Codes.isCounty(value)) {
                add(field, "UNKNOWN_CODE", "应为 GB/T 2260 县级行政区划代码");
            }
        }

        void mobile(String field, String value, boolean required) {
            if (!absent(field, value, required) && !MOBILE.matcher(value).matches()) {
                add(field, "INVALID_MOBILE", "手机号码格式不正确");
            }
        }

        /** Returns whether a valid number is present. */
        boolean residentId(String field, String value, boolean required) {
            if (absent(field, value, required)) {
                return false;
            }
            if (!ResidentIdNumber.isValid(value)) {
                add(field, "INVALID_ID_NUMBER", "居民身份证号码不正确（校验码不符或出生日期无效）");
                return false;
            }
            return true;
        }

        /** Whether the value is left out, which is an error when it is required. */
        private boolean absent(String field, String value, boolean required) {
            if (value == null && required) {
                required(field, null);
            }
            return value == null;
        }

        InvalidInputException toException() {
            return new InvalidInputException(list);
        }
    }
}
