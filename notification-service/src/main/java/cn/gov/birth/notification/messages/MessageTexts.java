package cn.gov.birth.notification.messages;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import java.util.Map;

/** The applicant-facing wording of a status change, in Chinese. */
final class MessageTexts {

    private static final Map<Item, String> ITEM_NAMES = Map.of(
            Item.BIRTH_CERT, "出生医学证明",
            Item.VACCINATION, "预防接种证",
            Item.HUKOU, "出生户口登记",
            Item.MEDICAL_INSURANCE, "居民医保参保登记",
            Item.MATERNITY_REIMBURSEMENT, "生育医疗费用报销",
            Item.SOCIAL_SECURITY_CARD, "社会保障卡申领",
            Item.PARENTING_GUIDANCE, "科学育儿指导服务登记");

    private static final Map<ItemStatus, String> ITEM_STATUS = Map.of(
            ItemStatus.WAITING, "等待前置事项办结",
            ItemStatus.IN_PROGRESS, "正在办理",
            ItemStatus.RETURNED, "已退回，请按要求补正",
            ItemStatus.COMPLETED, "已办结",
            ItemStatus.REJECTED, "未予办理",
            ItemStatus.CANCELLED, "已取消",
            ItemStatus.NOT_REQUESTED, "未申请",
            ItemStatus.GRANTED_AT_HOSPITAL, "已在医院免申办理");

    static String of(ApplicationStatusChanged change) {
        String prefix = "【出生一件事】您的申请（编号 " + change.reference() + "）";
        if (change.changedItem() != null && change.status() != ApplicationStatus.COMPLETED
                && change.status() != ApplicationStatus.PARTIALLY_COMPLETED) {
            ItemStatus itemStatus = change.items().stream().filter(i -> i.item() == change.changedItem())
                    .map(ItemState::status).findFirst().orElse(ItemStatus.IN_PROGRESS);
            return prefix + "中的" + ITEM_NAMES.get(change.changedItem()) + ITEM_STATUS.get(itemStatus) + "。";
        }
        return prefix + switch (change.status()) {
            case ACCEPTED -> "已受理，各部门将并联办理，可随时查询办理进度。";
            case NEEDS_SUPPLEMENT -> "材料不全，请按一次性告知书补正后继续办理。";
            case NOT_ACCEPTED -> "不予受理，原因见不予受理通知书；您仍可通过原渠道单独办理各事项。";
            case IN_PROGRESS -> "正在办理。";
            case ACTION_REQUIRED -> "有事项被退回，请按要求补正。";
            case COMPLETED -> "已全部办结，欢迎对本次服务进行评价。";
            case PARTIALLY_COMPLETED -> "已办理完毕，部分事项未办结，详情请查询办理结果。";
            case WITHDRAWN -> "已撤回。";
        };
    }

    private MessageTexts() {
    }
}
