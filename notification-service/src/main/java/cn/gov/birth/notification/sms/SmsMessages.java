package cn.gov.birth.notification.sms;

import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.db.Columns;
import cn.gov.birth.platform.db.WrittenAtCommit;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbound.OutboundTable;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMS copy of each message that has a recipient, and its delivery state: PENDING until the
 * provider took it, then SENT, or FAILED when it never did. Each has its own random message id,
 * the one the provider sees on every resend; the number and the text stay sealed in the message
 * and are opened only to send ({@link #content}).
 */
@Service
public class SmsMessages {

    public enum State { PENDING, SENT, FAILED }

    /**
     * A claimed SMS: which message it carries and, once its round read them ({@link #withContents}), the
     * number and text to send (null when the message is gone).
     */
    public record SmsRequest(String messageId, long notificationId, State state, int attempts, Content content) {
    }

    /** What is sent: the number and the text, opened; never shown in clear (a request's {@code toString}). */
    public record Content(String phone, String text) {

        @Override
        public String toString() {
            return "Content[phone=" + Mask.phone(phone) + ", text=" + text.length() + " characters]";
        }
    }

    private static final RowMapper<SmsRequest> ROWS = (rs, row) -> new SmsRequest(rs.getString("message_id"),
            rs.getLong("notification_id"), State.valueOf(rs.getString("state")), rs.getInt("attempts"), null);

    static final OutboundTable<SmsRequest> OUTBOUND = new OutboundTable<>("sms_message", "message_id", "state",
            List.of(State.PENDING.name()), "attempts", "next_attempt_at", "last_error", ROWS);

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final Clock clock;
    private final Notifications notifications;
    private final WrittenAtCommit<List<Queued>> queued = new WrittenAtCommit<>(ArrayList::new, this::writeQueued);
    private final WrittenAtCommit<List<String>> sent = new WrittenAtCommit<>(ArrayList::new, this::markSent);

    SmsMessages(JdbcClient jdbc, FieldEncryption encryption, Clock clock, Notifications notifications) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.clock = clock;
        this.notifications = notifications;
    }

    /** After a status change's message is recorded, in its transaction: its SMS, once, if it goes by SMS. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationStatusChanged change) {
        if (notifications.recipient(change) != null) {
            queue(change);
        }
    }

    /** After a department's answer's message is recorded, in its transaction: its SMS, once, if it goes by SMS. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(FamilyAnswered answered) {
        if (notifications.recipient(answered) != null) {
            queue(answered);
        }
    }

    /** The SMS copy of the event's message: queued with the transaction's others, written as it commits. */
    private void queue(BirthEvent change) {
        String messageId = "SMS-" + UUID.randomUUID().toString().replace("-", "");
        queued.add(copies -> copies.add(new Queued(change.eventId(), messageId)));
    }

    private record Queued(UUID sourceEvent, String messageId) {
    }

    /** The copies of the messages of those events that have a number, in one statement, after the messages. */
    private void writeQueued(List<Queued> copies) {
        if (copies.isEmpty()) {
            return;
        }
        notifications.flush();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into sms_message (message_id, notification_id, state, next_attempt_at, created_at)
                        select q.message_id, n.id, 'PENDING', ?, ?
                        from unnest(cast(? as uuid[]), cast(? as text[])) as q (source_event, message_id)
                        join notification n on n.source_event = q.source_event
                        where n.recipient is not null
                        order by n.id
                        on conflict (notification_id) do nothing""")
                .params(now, now, Columns.of(copies, Queued::sourceEvent, UUID[]::new),
                        Columns.of(copies, Queued::messageId, String[]::new))
                .update();
    }

    /** The requests with what they send, the messages' numbers and texts read at once and opened. */
    List<SmsRequest> withContents(List<SmsRequest> requests) {
        Map<Long, Content> contents = new HashMap<>();
        jdbc.sql("select id, recipient, text from notification where id = any(?)")
                .param(requests.stream().map(SmsRequest::notificationId).toArray(Long[]::new))
                .query(rs -> {
                    contents.put(rs.getLong(1), new Content(
                            encryption.open(rs.getString(2), Notifications.RECIPIENT.place()),
                            encryption.open(rs.getString(3), Notifications.TEXT.place())));
                });
        return requests.stream().map(request -> new SmsRequest(request.messageId(), request.notificationId(),
                request.state(), request.attempts(), contents.get(request.notificationId()))).toList();
    }

    /** Marks the SMS taken by the provider: a round's, together as its transaction commits. */
    void sent(String messageId) {
        sent.add(messageIds -> messageIds.add(messageId));
    }

    private void markSent(List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.sql("update sms_message set state = 'SENT', sent_at = ?, last_error = null where message_id = any(?)")
                .params(Timestamp.from(clock.instant()), messageIds.toArray(String[]::new)).update();
    }

    void failed(String messageId) {
        jdbc.sql("update sms_message set state = 'FAILED' where message_id = ?").param(messageId).update();
    }
}
