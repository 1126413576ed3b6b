package cn.gov.birth.application.tracking;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Publishes the application's state as it stands in this transaction as {@link ApplicationStatusChanged}. */
@Component
public class StatusPublisher {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    StatusPublisher(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void publish(UUID applicationId, ApplicationStatus previous, Item changedItem) {
        List<ItemState> items = jdbc.sql("select item, status, reason_code from application_item where application_id = ?")
                .param(applicationId)
                .query((rs, n) -> new ItemState(Item.valueOf(rs.getString(1)), ItemStatus.valueOf(rs.getString(2)),
                        rs.getString(3)))
                .list();
        ApplicationStatusChanged event = jdbc.sql("""
                        select reference, version, status, form -> 'applicant' ->> 'phone', submitted_by,
                               mother_index, father_index
                        from application where id = ?""")
                .param(applicationId)
                .query((rs, n) -> new ApplicationStatusChanged(UUID.randomUUID(), applicationId, clock.instant(),
                        rs.getString(1), rs.getLong(2), ApplicationStatus.valueOf(rs.getString(3)), previous,
                        changedItem, items, rs.getString(4), new Audience(rs.getString(5),
                        Stream.of(rs.getString(6), rs.getString(7)).filter(Objects::nonNull).toList())))
                .single();
        outbox.publish(Topics.APPLICATION_STATUS, event);
    }
}
