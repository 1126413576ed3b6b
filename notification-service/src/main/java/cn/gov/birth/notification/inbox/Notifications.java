package cn.gov.birth.notification.inbox;

import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.platform.masking.Mask;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** One in-app message per status change, addressed to the applicant's mobile number. */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationStatusChanged change) {
        String text = MessageTexts.of(change);
        jdbc.sql("""
                        insert into notification (source_event, application_id, reference, version, status, item,
                                                  channel, recipient, text, created_at)
                        values (?, ?, ?, ?, ?, ?, 'IN_APP', ?, ?, ?) on conflict (source_event) do nothing""")
                .params(change.eventId(), change.applicationId(), change.reference(), change.version(),
                        change.status().name(), change.changedItem() == null ? null : change.changedItem().name(),
                        change.applicantPhone(), text, Timestamp.from(clock.instant()))
                .update();
        log.debug("Message for application {} v{} to {}", change.reference(), change.version(),
                Mask.phone(change.applicantPhone()));
    }

    public List<Message> of(UUID applicationId) {
        return jdbc.sql("""
                        select id, application_id, reference, version, status, item, channel, text, created_at
                        from notification where application_id = ? order by version, id""")
                .param(applicationId)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant()))
                .list();
    }

    public record Message(long id, UUID applicationId, String reference, long version, String status, String item,
                          String channel, String text, Instant createdAt) {
    }
}
