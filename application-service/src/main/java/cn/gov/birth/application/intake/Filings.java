package cn.gov.birth.application.intake;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.Role;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who files an application, and through which channel: a citizen online, a clerk at a service
 * centre's window, a hospital's staff at the delivery hospital — where the region's policy takes
 * that channel. A parent filing online for themself must be the parent the form names as the
 * applicant: the verified ID number in their token says who they are (实名).
 */
@Component
class Filings {

    private static final Map<Channel, Role> FILED_BY = Map.of(Channel.ONLINE, Role.CITIZEN, Channel.WINDOW, Role.CLERK,
            Channel.HOSPITAL, Role.HOSPITAL);

    private final RegionPolicies policies;

    Filings(RegionPolicies policies) {
        this.policies = policies;
    }

    /** The channel of a valid form filed by the caller; 403 or 422 when the caller may not file it. */
    Channel channel(Caller caller, ApplicationRequest form) {
        Channel channel = form.channel() != null ? Channel.valueOf(form.channel())
                : caller.has(Role.CLERK) ? Channel.WINDOW : caller.has(Role.HOSPITAL) ? Channel.HOSPITAL : Channel.ONLINE;
        if (!caller.has(FILED_BY.get(channel))) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Channel not open to this role",
                    "经 " + channel + " 渠道提交申请须具有 " + FILED_BY.get(channel) + " 身份。");
        }
        if (!policies.of(form.region()).orElseThrow().channels().contains(channel)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Channel not offered in this region",
                    "区划 " + form.region() + " 的出生一件事联办不受理经 " + channel + " 渠道提交的申请。");
        }
        if (channel == Channel.ONLINE) {
            ApplicationRequest.Parent applicant = switch (form.applicant().relation()) {
                case "MOTHER" -> form.mother();
                case "FATHER" -> form.father();
                default -> null;
            };
            if (applicant != null && (applicant.idNumber() == null
                    || !applicant.idNumber().equalsIgnoreCase(caller.idNumber()))) {
                throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Applicant is not the signed-in person",
                        "申请人填写为" + ("MOTHER".equals(form.applicant().relation()) ? "母亲" : "父亲")
                                + "，但其身份证号与当前登录的实名身份不一致；请由本人登录申请。");
            }
        }
        return channel;
    }
}
