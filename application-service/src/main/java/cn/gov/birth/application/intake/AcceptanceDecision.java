package cn.gov.birth.application.intake;

import cn.gov.birth.application.intake.Acceptance.Notice;
import cn.gov.birth.application.intake.Acceptance.Outcome;
import cn.gov.birth.contracts.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Decides once whether a well-formed application is accepted. Every reason and every missing
 * section is collected before deciding, so the applicant is told everything in one notice.
 */
@Component
class AcceptanceDecision {

    Acceptance decide(ApplicationRequest form, Set<Item> items) {
        List<Notice> reasons = new ArrayList<>();
        List<Notice> missing = new ArrayList<>();
        var newborn = form.newborn();
        if (isBlank(newborn.surname()) || isBlank(newborn.givenName())) {
            reasons.add(new Notice("NEWBORN_UNNAMED", "新生儿尚未取名，暂不纳入联办，请取名后再申请"));
        }
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
        if (!reasons.isEmpty()) {
            return new Acceptance(Outcome.NOT_ACCEPTED, List.of(), reasons);
        }
        if (!missing.isEmpty()) {
            return new Acceptance(Outcome.NEEDS_SUPPLEMENT, missing, List.of());
        }
        return new Acceptance(Outcome.ACCEPTED, List.of(), List.of());
    }

    private static boolean mailRequested(ApplicationRequest form) {
        return form.delivery() != null && ("MAIL".equals(form.delivery().birthCertificate())
                || "MAIL".equals(form.delivery().socialSecurityCard()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
