package cn.gov.birth.application.intake;

import cn.gov.birth.application.intake.ApplicationRequest.Parent;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks the form's shape field by field and reports every problem at once: what is malformed
 * is a 400 and nothing is stored. Whether a well-formed application is acceptable is the
 * acceptance decision's business, not this class's.
 */
@Component
class FormValidator {

    static final int MAX_TEXT = 200;
    private static final Pattern DIVISION = Pattern.compile("\\d{6}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern ETHNICITY = Pattern.compile("\\d{2}");
    private static final Pattern NATIONALITY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> ID_TYPES = Set.of("RESIDENT_ID", "PASSPORT", "HMT_PERMIT", "FOREIGN_PERMANENT_RESIDENT");
    private static final Set<String> CHANNELS = Set.of("ONLINE", "WINDOW");
    private static final Set<String> SEXES = Set.of("1", "2");
    private static final Set<String> SETTLE_WITH = Set.of("FATHER", "MOTHER");
    private static final Set<String> INSURED_YEARS = Set.of("CURRENT", "NEXT");
    private static final Set<String> DELIVERY_MODES = Set.of("PICKUP", "MAIL");
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
            errors.add("channel", "UNKNOWN_CODE", "办理渠道应为 ONLINE 或 WINDOW");
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
            parent("mother", form.mother(), errors);
            if ("RESIDENT_ID".equals(form.mother().idType()) && ResidentIdNumber.isValid(form.mother().idNumber())
                    && !"2".equals(ResidentIdNumber.sex(form.mother().idNumber()))) {
                errors.add("mother.idNumber", "SEX_MISMATCH", "母亲的身份证号码性别位应为女性");
            }
        }
        if (form.father() != null) {
            parent("father", form.father(), errors);
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
            errors.text("household.relationToHead", household.relationToHead());
            errors.division("household.nativePlace", household.nativePlace(), false);
        }
        if (form.insurance() != null) {
            errors.division("insurance.insuredDivision", form.insurance().insuredDivision(), true);
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

    private void parent(String field, Parent parent, Errors errors) {
        errors.required(field + ".name", parent.name());
        if (errors.oneOf(field + ".idType", parent.idType(), ID_TYPES, true)) {
            if ("RESIDENT_ID".equals(parent.idType())) {
                errors.residentId(field + ".idNumber", parent.idNumber(), true);
            } else {
                errors.required(field + ".idNumber", parent.idNumber());
            }
        }
        if (parent.ethnicity() != null && !ETHNICITY.matcher(parent.ethnicity()).matches()) {
            errors.add(field + ".ethnicity", "UNKNOWN_CODE", "民族代码应为两位数字（GB/T 3304）");
        }
        if (parent.nationality() != null && !NATIONALITY.matcher(parent.nationality()).matches()) {
            errors.add(field + ".nationality", "UNKNOWN_CODE", "国籍代码应为三位字母（ISO 3166）");
        }
        errors.division(field + ".householdDivision", parent.householdDivision(), false);
        errors.text(field + ".householdAddress", parent.householdAddress());
        errors.text(field + ".currentAddress", parent.currentAddress());
        errors.mobile(field + ".phone", parent.phone(), false);
    }

    private void newborn(ApplicationRequest.Newborn newborn, Errors errors) {
        errors.text("newborn.surname", newborn.surname());
        errors.text("newborn.givenName", newborn.givenName());
        errors.oneOf("newborn.sex", newborn.sex(), SEXES, true);
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
        if (newborn.ethnicity() != null && !ETHNICITY.matcher(newborn.ethnicity()).matches()) {
            errors.add("newborn.ethnicity", "UNKNOWN_CODE", "民族代码应为两位数字（GB/T 3304）");
        }
        errors.division("newborn.birthDivision", newborn.birthDivision(), true);
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

        void division(String field, String value, boolean required) {
            if (value == null) {
                if (required) {
                    required(field, null);
                }
            } else if (!DIVISION.matcher(value).matches()) {
                add(field, "UNKNOWN_CODE", "行政区划代码应为六位数字（GB/T 2260）");
            }
        }

        void mobile(String field, String value, boolean required) {
            if (value == null) {
                if (required) {
                    required(field, null);
                }
            } else if (!MOBILE.matcher(value).matches()) {
                add(field, "INVALID_MOBILE", "手机号码格式不正确");
            }
        }

        void residentId(String field, String value, boolean required) {
            if (value == null) {
                if (required) {
                    required(field, null);
                }
            } else if (!ResidentIdNumber.isValid(value)) {
                add(field, "INVALID_ID_NUMBER", "居民身份证号码不正确（校验码不符或出生日期无效）");
            }
        }

        InvalidInputException toException() {
            return new InvalidInputException(list);
        }
    }
}
