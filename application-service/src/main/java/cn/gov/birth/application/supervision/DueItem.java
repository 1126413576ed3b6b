package cn.gov.birth.application.supervision;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** An item its department still holds, with the last day of its promised time limit. */
record DueItem(UUID applicationId, String reference, String region, Item item, ItemStatus status,
               LocalDate deadline) {

    /**
     * The items whose time runs against their department: open ones, but for those returned to the
     * family to correct (补正: the family's turn, not the department's).
     */
    static final Set<ItemStatus> SUPERVISED = Arrays.stream(ItemStatus.values())
            .filter(status -> !status.isFinal() && status != ItemStatus.RETURNED && status != ItemStatus.NOT_REQUESTED)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ItemStatus.class)));

    /** The same, as SQL; and the applications that are over (withdrawn, say), whose items no one works on. */
    static final String SUPERVISED_SQL = SUPERVISED.stream().map(status -> "'" + status + "'")
            .collect(Collectors.joining(", "));
    static final String FINISHED_APPLICATIONS_SQL = Arrays.stream(ApplicationStatus.values())
            .filter(ApplicationStatus::isFinal).map(status -> "'" + status + "'").collect(Collectors.joining(", "));

    Department department() {
        return item.department();
    }
}
