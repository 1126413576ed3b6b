package cn.gov.birth.application.supervision;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.DepartmentViews;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.platform.outbox.Outbox;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one writer of {@code item_overdue}: which items were found overdue, each once, and the
 * department told in the same transaction. It reads the applications' items, never writes them.
 */
@Repository
class OverdueItems {

    /** "overdue" in the session advisory lock space: one instance checks at a time. */
    private static final long LOCK = 0x6f76657264756500L;

    private final JdbcClient jdbc;
    private final Outbox outbox;

    OverdueItems(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Takes the check's lock until the caller's transaction ends; false when another instance holds it. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean lockTheCheck() {
        return jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single();
    }

    /**
     * The supervised items whose deadline is within {@code [first, last]} ({@code first} null: any
     * before {@code last}), of one department or all, oldest deadline first.
     */
    List<DueItem> due(LocalDate first, LocalDate last, Department department, String region) {
        List<String> where = new ArrayList<>(List.of("i.deadline <= ?"));
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(last)));
        if (first != null) {
            where.add("i.deadline >= ?");
            params.add(Date.valueOf(first));
        }
        if (department != null) {
            where.add("i.item in (" + String.join(", ", itemsOf(department).stream().map(item -> "?").toList()) + ")");
            params.addAll(itemsOf(department).stream().map(Item::name).toList());
        }
        if (region != null) {
            where.add("a.region = ?");
            params.add(region);
        }
        return jdbc.sql("""
                        select a.id, a.reference, a.region, i.item, i.status, i.deadline
                        from application_item i join application a on a.id = i.application_id
                        where i.status in (%s) and a.status not in (%s) and %s
                        order by i.deadline, a.reference, i.item""".formatted(DueItem.SUPERVISED_SQL,
                        DueItem.FINISHED_APPLICATIONS_SQL, String.join(" and ", where)))
                .params(params).query(OverdueItems::dueItem).list();
    }

    /** The supervised items past their deadline ({@code today} after it) not yet found overdue. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<DueItem> newlyOverdue(LocalDate today) {
        return jdbc.sql("""
                        select a.id, a.reference, a.region, i.item, i.status, i.deadline
                        from application_item i join application a on a.id = i.application_id
                        where i.status in (%s) and a.status not in (%s) and i.deadline < ?
                          and not exists (select 1 from item_overdue o
                                          where o.application_id = i.application_id and o.item = i.item)
                        order by i.deadline""".formatted(DueItem.SUPERVISED_SQL, DueItem.FINISHED_APPLICATIONS_SQL))
                .param(Date.valueOf(today)).query(OverdueItems::dueItem).list();
    }

    /** Records the item overdue and tells its department; false (nothing told) when it was recorded before. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean markOverdue(DueItem item, Instant now) {
        boolean first = jdbc.sql("""
                        insert into item_overdue (application_id, item, department, deadline, found_at)
                        values (?, ?, ?, ?, ?) on conflict do nothing""")
                .params(item.applicationId(), item.item().name(), item.department().name(),
                        Date.valueOf(item.deadline()), Timestamp.from(now))
                .update() == 1;
        if (first) {
            DepartmentViews.of(new ItemWentOverdue(UUID.randomUUID(), item.applicationId(), now, item.reference(),
                    item.item(), item.deadline())).forEach(copy -> outbox.publish(copy.topic(), copy.event()));
        }
        return first;
    }

    /** The items found overdue that their departments still hold, by department (every department named). */
    Map<Department, Long> stillOverdue() {
        Map<Department, Long> counts = new EnumMap<>(Department.class);
        for (Department department : Department.values()) {
            counts.put(department, 0L);
        }
        jdbc.sql("""
                        select o.department, count(*) as n from item_overdue o
                        join application_item i on i.application_id = o.application_id and i.item = o.item
                        join application a on a.id = o.application_id
                        where i.status in (%s) and a.status not in (%s)
                        group by o.department""".formatted(DueItem.SUPERVISED_SQL, DueItem.FINISHED_APPLICATIONS_SQL))
                .query((rs, n) -> counts.put(Department.valueOf(rs.getString("department")), rs.getLong("n")))
                .list();
        return counts;
    }

    private static List<Item> itemsOf(Department department) {
        return Arrays.stream(Item.values()).filter(item -> item.department() == department).toList();
    }

    private static DueItem dueItem(ResultSet rs, int n) throws SQLException {
        return new DueItem(rs.getObject("id", UUID.class), rs.getString("reference"), rs.getString("region"),
                Item.valueOf(rs.getString("item")), ItemStatus.valueOf(rs.getString("status")),
                rs.getDate("deadline").toLocalDate());
    }
}
