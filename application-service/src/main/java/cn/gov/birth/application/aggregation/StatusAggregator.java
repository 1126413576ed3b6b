package cn.gov.birth.application.aggregation;

import cn.gov.birth.application.tracking.StatusPublisher;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.platform.events.EventCodec;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Folds a department's fact into the application: item state, result, timeline, overall state, version. */
@Service
class StatusAggregator {

    private static final Logger log = LoggerFactory.getLogger(StatusAggregator.class);

    private final JdbcClient jdbc;
    private final StatusPublisher statusPublisher;

    StatusAggregator(JdbcClient jdbc, StatusPublisher statusPublisher) {
        this.jdbc = jdbc;
        this.statusPublisher = statusPublisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void on(ItemFact fact) {
        // Facts of one application arrive on five topics at once: serialize them on its row.
        Optional<ApplicationStatus> locked = jdbc.sql("select status from application where id = ? for update")
                .param(fact.applicationId())
                .query((rs, n) -> ApplicationStatus.valueOf(rs.getString(1)))
                .optional();
        if (locked.isEmpty()) {
            log.warn("Fact {} for unknown application {} ignored", fact.eventId(), fact.applicationId());
            return;
        }
        Optional<ItemStatus> item = jdbc.sql("select status from application_item where application_id = ? and item = ?")
                .params(fact.applicationId(), fact.item().name())
                .query((rs, n) -> ItemStatus.valueOf(rs.getString(1)))
                .optional();
        if (item.isEmpty()) {
            log.warn("Fact {} about {} not requested by application {} ignored", fact.eventId(), fact.item(),
                    fact.applicationId());
            return;
        }
        if (item.get().isFinal()) {
            log.info("Fact {} about {} arrived after the item finished; ignored", fact.eventId(), fact.item());
            return;
        }
        ItemStatus next = StatusFolding.next(item.get(), fact);
        String reasonCode = fact instanceof ItemNotCompleted n ? n.reasonCode() : null;
        String reasonMessage = fact instanceof ItemNotCompleted n ? n.message() : null;
        Map<String, Object> result = fact instanceof ItemCompleted c ? c.result() : null;
        Timestamp at = Timestamp.from(fact.occurredAt());
        jdbc.sql("""
                        update application_item set status = ?, reason_code = ?, reason_message = ?,
                               result = coalesce(?::jsonb, result), updated_at = ?
                        where application_id = ? and item = ?""")
                .params(next.name(), reasonCode, reasonMessage,
                        result == null ? null : EventCodec.mapper().writeValueAsString(result), at,
                        fact.applicationId(), fact.item().name())
                .update();
        jdbc.sql("insert into timeline_entry (application_id, at, type, item, detail) values (?, ?, ?, ?, ?)")
                .params(fact.applicationId(), at, fact.getClass().getSimpleName(), fact.item().name(),
                        reasonMessage)
                .update();
        List<ItemStatus> items = jdbc.sql("select status from application_item where application_id = ?")
                .param(fact.applicationId())
                .query((rs, n) -> ItemStatus.valueOf(rs.getString(1)))
                .list();
        ApplicationStatus previous = locked.get();
        ApplicationStatus overall = StatusFolding.overall(previous, items, true);
        boolean finished = overall == ApplicationStatus.COMPLETED || overall == ApplicationStatus.PARTIALLY_COMPLETED;
        jdbc.sql("""
                        update application set status = ?, version = version + 1,
                               completed_at = case when ? then coalesce(completed_at, ?) else completed_at end
                        where id = ?""")
                .params(overall.name(), finished, at, fact.applicationId())
                .update();
        statusPublisher.publish(fact.applicationId(), previous, fact.item());
    }
}
