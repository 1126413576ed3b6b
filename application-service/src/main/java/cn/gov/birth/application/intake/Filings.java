package cn.gov.birth.application.intake;

import cn.gov.birth.application.core.ApplicationRequest;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.Role;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who files an application, and through which channel: a citizen online, a clerk at a service
 * centre's window, a hospital's staff at the delivery hospital — where the region's policy takes
 * that channel. A parent filing online for themself must be the parent the form names as the
 * applicant: the verified ID number in their token says who they are (实名). Those who file for a
 * family file where their token says they work: a clerk at one of the region's service centres,
 * hospital staff at their hospital; at a window the materials listed are the paper the clerk checked
 * and scanned (收件), each a material of the region's policy with its scan's reference.
 */
@Component
class Filings {

    private static final Map<Channel, Role> FILED_BY = Map.of(Channel.ONLINE, Role.CITIZEN, Channel.WINDOW, Role.CLERK,
            Channel.HOSPITAL, Role.HOSPITAL);

    private static final Map<Channel, String> CHANNEL_NAMES = Map.of(Channel.ONLINE, "网上申请",
            Channel.WINDOW, "政务服务中心窗口代为提交", Channel.HOSPITAL, "助产机构工作人员代为提交");

    private final RegionPolicies policies;

    Filings(RegionPolicies policies) {
        this.policies = policies;
    }

    /** Through which channel and where an application is filed: the service centre or hospital by code. */
    record Filing(Channel channel, String serviceCentre, String hospital) {
    }

    /** The filing of a valid form by the caller; 403 or 422 when the caller may not file it. */
    Filing filing(Caller caller, ApplicationRequest form) {
        Channel channel = form.channel() != null ? Channel.valueOf(form.channel())
                : caller.has(Role.CLERK) ? Channel.WINDOW : caller.has(Role.HOSPITAL) ? Channel.HOSPITAL : Channel.ONLINE;
        if (!caller.has(FILED_BY.get(channel))) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Channel not open to this role",
                    "经 " + channel + " 渠道提交申请须具有 " + FILED_BY.get(channel) + " 身份。");
        }
        RegionPolicy policy = policies.of(form.region()).orElseThrow();
        if (!policy.channels().contains(channel)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Channel not offered in this region",
                    policy.name() + "的出生一件事联办政策不受理" + CHANNEL_NAMES.get(channel) + "（" + channel
                            + "）的申请；可受理：" + String.join("、", policy.channels().stream().sorted()
                            .map(CHANNEL_NAMES::get).toList()) + "。");
        }
        return switch (channel) {
            case ONLINE -> {
                requireSignedInApplicant(caller, form);
                yield new Filing(channel, null, null);
            }
            case WINDOW -> {
                String centre = serviceCentre(caller, policy);
                requireReceivable(form.materials(), policy);
                yield new Filing(channel, centre, null);
            }
            case HOSPITAL -> {
                if (caller.hospital() == null) {
                    throw new ProblemException(HttpStatus.FORBIDDEN, "No hospital in the token",
                            "医院工作人员的身份令牌未载明所在助产机构，不能代为提交申请。");
                }
                yield new Filing(channel, null, caller.hospital());
            }
        };
    }

    /** The clerk's service centre, when it is one of the region's. */
    private static String serviceCentre(Caller caller, RegionPolicy policy) {
        if (caller.centre() == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "No service centre in the token",
                    "窗口工作人员的身份令牌未载明所在政务服务中心，不能代为提交申请。");
        }
        if (policy.serviceCentre(caller.centre()).isEmpty()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Service centre not in this region",
                    "政务服务中心 " + caller.centre() + " 不受理" + policy.name() + "的出生一件事联办申请。");
        }
        return caller.centre();
    }

    /** The materials a clerk checked at a window for a supplement: as at filing, or 422. */
    void requireReceivable(String region, List<ApplicationRequest.Material> materials) {
        requireReceivable(materials, policies.of(region).orElseThrow());
    }

    /** Every material checked at a window is one the region's policy names, with the reference of its scan. */
    private static void requireReceivable(List<ApplicationRequest.Material> materials, RegionPolicy policy) {
        if (materials == null) {
            return;
        }
        Set<String> known = policy.materials().stream().map(RegionPolicy.Material::code).collect(Collectors.toSet());
        List<String> problems = materials.stream()
                .filter(material -> !known.contains(material.type()) || material.documentId() == null
                        || material.documentId().isBlank())
                .map(material -> !known.contains(material.type()) ? material.type() + "（" + policy.name()
                        + "的申请材料中没有此类材料）" : material.type() + "（缺少扫描件编号）")
                .toList();
        if (!problems.isEmpty()) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Materials not receivable",
                    "窗口收件的材料须为" + policy.name() + "申请材料清单中的材料，并附扫描件编号："
                            + String.join("；", problems) + "。可收材料：" + String.join("、", known.stream().sorted()
                            .toList()) + "。");
        }
    }

    /** Online, the applicant the form names (a parent) is the signed-in person. */
    private static void requireSignedInApplicant(Caller caller, ApplicationRequest form) {
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
}
