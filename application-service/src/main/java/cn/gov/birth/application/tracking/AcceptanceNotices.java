package cn.gov.birth.application.tracking;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.ServiceCentre;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The written notice of the single window's decision, in Chinese: 受理通知书 for an accepted
 * application, 一次性告知书 listing everything missing, or 不予受理通知书 with every reason. One
 * filed on the family's behalf says where and by whom, and lists the paper materials the window
 * checked (收件), so that the clerk can print or hand it over.
 */
@Component
public class AcceptanceNotices {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final RegionPolicies policies;

    AcceptanceNotices(RegionPolicies policies) {
        this.policies = policies;
    }

    public record Notice(String reference, String title, String text) {
    }

    public Notice of(ApplicationView application) {
        Acceptance acceptance = application.acceptance();
        String office = policies.of(application.region()).map(RegionPolicy::name).orElse(application.region())
                + "新生儿出生“一件事”联办窗口";
        String date = DATE.format(LocalDate.ofInstant(application.submittedAt(), ChinaTime.ZONE));
        StringBuilder text = new StringBuilder("申请编号：").append(application.reference()).append("\n");
        String title = switch (acceptance.outcome()) {
            case ACCEPTED -> {
                text.append("您于").append(date).append("提交的新生儿出生“一件事”联办申请，经审查符合受理条件，现予受理。\n");
                text.append("受理事项及办结时限：\n");
                application.items().forEach(item -> text.append("  - ").append(item.item().title())
                        .append(item.pulledIn() ? "（因所选事项需要一并办理）" : "")
                        .append(item.status() == ItemStatus.GRANTED_AT_HOSPITAL
                                ? "（已在医院免申办理，领取地点：" + item.result().get("place") + "）" : "")
                        .append(item.deadline() == null ? "" : "，应于" + DATE.format(item.deadline()) + "前办结")
                        .append("\n"));
                if (application.deadline() != null) {
                    text.append("全部事项承诺于").append(DATE.format(application.deadline())).append("前办结。\n");
                }
                text.append("办理进度可随时凭申请编号查询。");
                yield "受理通知书";
            }
            case NEEDS_SUPPLEMENT -> {
                text.append("您于").append(date).append("提交的申请材料不齐全，请一次性补正以下内容后继续办理：\n");
                list(text, acceptance.missing());
                text.append("补正后将再次审查，无需重新提交申请。");
                yield "一次性告知书";
            }
            case NOT_ACCEPTED -> {
                text.append("您于").append(date).append("提交的申请经审查，因以下原因不予受理：\n");
                list(text, acceptance.reasons());
                text.append("各事项的原办理渠道依然畅通，您可以通过原渠道单独办理。");
                yield "不予受理通知书";
            }
        };
        filedFor(text, application);
        text.append("\n").append(office).append("\n").append(date);
        return new Notice(application.reference(), title, text.toString());
    }

    private static void filedFor(StringBuilder text, ApplicationView application) {
        ApplicationView.Filing filing = application.filing();
        if (filing.serviceCentre() != null) {
            ServiceCentre centre = filing.serviceCentre();
            text.append("\n受理窗口：").append(centre.name() == null ? centre.code() : centre.name());
            if (centre.address() != null) {
                text.append("（地址：").append(centre.address()).append("；办公时间：").append(centre.hours())
                        .append("；咨询电话：").append(centre.phone()).append("）");
            }
            text.append("\n窗口经办人：").append(filing.filedBy());
        } else if (filing.hospital() != null) {
            text.append("\n代为提交：助产机构（").append(filing.hospital()).append("），经办人：").append(filing.filedBy());
        }
        if (!application.materialsReceived().isEmpty()) {
            text.append("\n窗口已收材料：");
            application.materialsReceived().forEach(material -> text.append("\n  - ")
                    .append(material.name() == null ? material.type() : material.name())
                    .append("（扫描件编号 ").append(material.documentId()).append("）"));
        }
    }

    private static void list(StringBuilder text, List<Acceptance.Notice> notices) {
        for (int i = 0; i < notices.size(); i++) {
            text.append("  ").append(i + 1).append(". ").append(notices.get(i).message())
                    .append("（").append(notices.get(i).code()).append("）\n");
        }
    }
}
