package cn.gov.birth.kit.supervision;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.platform.web.Page;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What supervision told the department (全闭环监测): its items past their promised time limit, one
 * notice each however often the event comes, and whether the item has finished since (its outcome
 * recorded). The one writer of {@code overdue_notice}.
 */
public class OverdueNotices {

    private static final Logger log = LoggerFactory.getLogger(OverdueNotices.class);

    private final Department department;
    private final JdbcClient jdbc;

    public OverdueNotices(@Value("${birth.department}") Department department, JdbcClient jdbc) {
        this.department = department;
        this.jdbc = jdbc;
    }

    public Department department() {
        return department;
    }

    /** Records the notice of one of the department's items; another department's item is not its concern. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onOverdue(ItemWentOverdue overdue) {
        if (overdue.item().department() != department) {
            return;
        }
        int recorded = jdbc.sql("""
                        insert into overdue_notice (application_id, item, reference, deadline, found_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(overdue.applicationId(), overdue.item().name(), overdue.reference(),
                        Date.valueOf(overdue.deadline()), Timestamp.from(overdue.occurredAt()))
                .update();
        if (recorded == 1) {
            log.warn("{} of application {} ({}) is past its time limit ({}): shown to staff", overdue.item(),
                    overdue.applicationId(), overdue.reference(), overdue.deadline());
        }
    }

    /** The notices, newest first, a page at a time. */
    public Page<Notice> notices(Page.Request page) {
        long total = jdbc.sql("select count(*) from overdue_notice").query(Long.class).single();
        List<Notice> notices = jdbc.sql("""
                        select n.application_id, n.item, n.reference, n.deadline, n.found_at,
                               exists (select 1 from item_outcome o where o.application_id = n.application_id
                                       and o.item = n.item) as finished
                        from overdue_notice n order by n.found_at desc, n.reference, n.item
                        limit ? offset ?""")
                .params(page.size(), page.offset())
                .query((rs, n) -> new Notice(rs.getObject("application_id", UUID.class),
                        Item.valueOf(rs.getString("item")), rs.getString("reference"),
                        rs.getDate("deadline").toLocalDate(), rs.getTimestamp("found_at").toInstant(),
                        rs.getBoolean("finished")))
                .list();
        return page.of(notices, total);
    }

    /** An overdue item: which, of what application, its deadline, when found late, whether it finished since. */
    public record Notice(UUID applicationId, Item item, String reference, LocalDate deadline, Instant foundAt,
                         boolean finished) {
    }
}
