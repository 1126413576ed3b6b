package cn.gov.birth.application.intake;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What a region's policy refuses outright, before any decision (422, nothing stored): a form the
 * policy's office cannot take, as opposed to an eligibility condition, which the acceptance notice
 * answers (不予受理 with its reasons).
 * <ul>
 * <li>The birth registered outside the area the policy names, at the level it names it (a county
 * such as Ziyuan, a city, a province): the family is at the wrong office. A household outside the
 * province altogether is the condition {@code NO_PARENT_HOUSEHOLD_IN_REGION}.</li>
 * <li>The paper certificate collected by someone the region lets collect only with the mother's
 * authorization, without it (Guangxi: the father).</li>
 * </ul>
 */
@Component
class PolicyLimits {

    private final RegionPolicies policies;

    PolicyLimits(RegionPolicies policies) {
        this.policies = policies;
    }

    /** Throws the 422 problem naming what the policy does not allow; a form of an unknown region is the validator's. */
    void check(ApplicationRequest form) {
        RegionPolicy policy = policies.of(form.region()).orElseThrow();
        jurisdiction(form, policy);
        collection(form, policy);
    }

    /** Where the birth is registered: the household of the parent the newborn settles with. */
    private static void jurisdiction(ApplicationRequest form, RegionPolicy policy) {
        ApplicationRequest.Parent settling = form.settlingParent();
        if (settling == null || settling.householdDivision() == null) {
            return;
        }
        var area = policy.jurisdiction();
        String place = settling.householdDivision();
        boolean inProvince = place.startsWith(policy.region().substring(0, 2));
        if (inProvince && !area.contains(place)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Outside the policy's area",
                    policy.name() + "本联办由" + area.name() + "（行政区划 " + area.division() + "）受理，新生儿须在"
                            + area.name() + "申报出生登记；所填落户方户籍所在地（" + place + "）不在" + area.name()
                            + "，请到落户方户籍所在地办理。");
        }
    }

    private static void collection(ApplicationRequest form, RegionPolicy policy) {
        var rule = policy.certificateCollection();
        var delivery = form.delivery();
        if (rule == null || delivery == null || "MAIL".equals(delivery.birthCertificate())) {
            return;
        }
        String collector = delivery.collectorValue();
        boolean authorized = delivery.collectionAuthorizationDocumentId() != null
                && !delivery.collectionAuthorizationDocumentId().isBlank();
        if (!rule.collectors().contains(collector)) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Collector not allowed",
                    policy.name() + "的纸质出生医学证明不能由所填领取人领取，请改由新生儿母亲领取或选择邮寄。");
        }
        if (rule.withMotherAuthorization().contains(collector) && !authorized) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Mother's authorization required",
                    policy.name() + "的纸质出生医学证明由新生儿母亲领取；由父亲领取的，须在申请表中提交母亲签字捺印的授权委托书"
                            + "（领取时父亲持父母双方身份证原件），或改为邮寄。");
        }
    }
}
