package cn.gov.birth.notification.messages;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.Audience;
import cn.gov.birth.contracts.events.FamilyAnswered;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.db.Columns;
import cn.gov.birth.platform.db.WrittenAtCommit;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.security.BlindIndex;
import cn.gov.birth.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One in-app message per status change, and one per department's answer to the family's 差评 or
 * complaint, readable by the application's audience only: its submitter and its parents. A message
 * that also goes by SMS ({@link MessageTexts#bySms}) is addressed to the applicant's mobile number;
 * one kept in-app stores no number. The number and the text (which may name results such as the
 * newborn's citizen ID number) are stored sealed.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final String MESSAGE = """
            select n.id, n.application_id, n.reference, n.version, n.status, n.item, n.channel, n.text, n.created_at,
                   n.about
            from notification n join application_audience a on a.application_id = n.application_id
            where (a.submitted_by = :subject or a.parent_indexes @> array[cast(:parentIndex as text)])""";
    /** The finished states, as SQL, from the one definition ({@link ApplicationStatus#isFinal()}). */
    private static final String FINISHED = String.join(", ", Arrays.stream(ApplicationStatus.values())
            .filter(ApplicationStatus::isFinal).map(status -> "'" + status + "'").toList());

    /** A message's channel: in-app only, or also by SMS to the applicant's number (its {@code sms_message}). */
    static final String IN_APP = "IN_APP";
    static final String IN_APP_AND_SMS = "IN_APP_AND_SMS";

    public static final EncryptedColumn RECIPIENT =
            new EncryptedColumn("notification", "id", "recipient", "notification.recipient");
    public static final EncryptedColumn TEXT = new EncryptedColumn("notification", "id", "text", "notification.text");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FieldEncryption encryption;
    private final MessageTexts texts;
    private final WrittenAtCommit<List<Pending>> pending = new WrittenAtCommit<>(ArrayList::new, this::write);

    Notifications(JdbcClient jdbc, Clock clock, FieldEncryption encryption, MessageTexts texts) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.encryption = encryption;
        this.texts = texts;
    }

    /** What a message is about: a status change, or a department's answer to the family's 差评 or complaint. */
    public enum About { STATUS, ANSWER }

    /** Records the status change's message; returns it as a live stream sends it (once committed). */
    @Transactional(propagation = Propagation.MANDATORY)
    public StatusMessage on(ApplicationStatusChanged change) {
        String text = texts.of(change);
        Pending message = record(About.STATUS, change.eventId(), change.applicationId(), change.reference(),
                change.version(), change.status(), change.changedItem(), recipient(change), text, change.audience());
        return new StatusMessage(message.applicationId(), message.version(), message.status(), message.item(), text,
                message.createdAt(), message.audience());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(FamilyAnswered answered) {
        record(About.ANSWER, answered.eventId(), answered.applicationId(), answered.reference(), answered.version(),
                answered.status(), answered.item(), recipient(answered), texts.of(answered), answered.audience());
    }

    /** The number a status change's message also goes to by SMS ({@link MessageTexts#bySms}); null: in-app only. */
    public String recipient(ApplicationStatusChanged change) {
        return texts.bySms(change) ? change.applicantPhone() : null;
    }

    /** The number a department's answer also goes to by SMS: the applicant's, when the form has one. */
    public String recipient(FamilyAnswered answered) {
        return answered.applicantPhone();
    }

    /**
     * The message, once per event, and who may read the application's messages: the newest version's
     * audience, written only when it differs from the one kept (a correction names other parents), not at
     * every status change; {@code version} is then the version that brought the audience kept. Both are
     * written with the transaction's other messages as it commits ({@link #write}): a poll's status changes
     * in a few statements, not two or three each.
     */
    private Pending record(About about, UUID eventId, UUID applicationId, String reference, long version,
                           ApplicationStatus status, Item item, String phone, String text, Audience audience) {
        Pending message = new Pending(eventId, applicationId, reference, version, status.name(),
                item == null ? null : item.name(), phone == null ? IN_APP : IN_APP_AND_SMS,
                encryption.seal(phone, RECIPIENT.place()), encryption.seal(text, TEXT.place()), clock.instant(),
                about.name(), audience);
        pending.add(messages -> messages.add(message));
        log.debug("Message ({}) for application {} v{} to {}", about, reference, version, Mask.phone(phone));
        return message;
    }

    /** Writes the messages this transaction recorded so far now (their SMS copies select them). */
    public void flush() {
        pending.flush();
    }

    /** A message to write, its number and text sealed. */
    private record Pending(UUID eventId, UUID applicationId, String reference, long version, String status,
                           String item, String channel, String recipient, String text, Instant createdAt,
                           String about, Audience audience) {
    }

    /**
     * The messages in the order recorded (a message's id orders those of one version), and each application's
     * newest audience, in two statements.
     */
    private void write(List<Pending> messages) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into notification (source_event, application_id, reference, version, status, item,
                                                  channel, recipient, text, created_at, about)
                        select source_event, application_id, reference, version, status, item, channel, recipient, text,
                               cast(created_at as timestamptz), about
                        from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as text[]), cast(? as bigint[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]))
                             with ordinality as m (source_event, application_id, reference, version, status, item,
                                                   channel, recipient, text, created_at, about, n)
                        order by n
                        on conflict (source_event) do nothing""")
                .params(Columns.of(messages, Pending::eventId, UUID[]::new),
                        Columns.of(messages, Pending::applicationId, UUID[]::new),
                        Columns.of(messages, Pending::reference, String[]::new),
                        Columns.of(messages, Pending::version, Long[]::new),
                        Columns.of(messages, Pending::status, String[]::new),
                        Columns.of(messages, Pending::item, String[]::new),
                        Columns.of(messages, Pending::channel, String[]::new),
                        Columns.of(messages, Pending::recipient, String[]::new),
                        Columns.of(messages, Pending::text, String[]::new),
                        Columns.of(messages, message -> message.createdAt().toString(), String[]::new),
                        Columns.of(messages, Pending::about, String[]::new))
                .update();
        // One row per application (an upsert may not touch a row twice): its newest version's audience.
        Map<UUID, Pending> newest = new LinkedHashMap<>();
        messages.stream().filter(message -> message.audience() != null).forEach(message ->
                newest.merge(message.applicationId(), message, (kept, next) ->
                        next.version() >= kept.version() ? next : kept));
        if (newest.isEmpty()) {
            return;
        }
        List<Pending> audiences = List.copyOf(newest.values());
        jdbc.sql("""
                        insert into application_audience (application_id, version, submitted_by, parent_indexes)
                        select application_id, version, submitted_by, string_to_array(parent_indexes, ' ')
                        from unnest(cast(? as uuid[]), cast(? as bigint[]), cast(? as text[]), cast(? as text[]))
                             as a (application_id, version, submitted_by, parent_indexes)
                        on conflict (application_id) do update set version = excluded.version,
                            submitted_by = excluded.submitted_by, parent_indexes = excluded.parent_indexes
                        where application_audience.version < excluded.version
                          and (application_audience.submitted_by, application_audience.parent_indexes)
                              is distinct from (excluded.submitted_by, excluded.parent_indexes)""")
                .params(Columns.of(audiences, Pending::applicationId, UUID[]::new),
                        Columns.of(audiences, Pending::version, Long[]::new),
                        Columns.of(audiences, message -> message.audience().submittedBy(), String[]::new),
                        // Blind indexes are URL-safe Base64: a space never occurs in one.
                        Columns.of(audiences, message -> String.join(" ", message.audience().parentIndexes()),
                                String[]::new))
                .update();
    }

    /** The messages about one application the reader may see, oldest first. */
    public Page<Message> of(UUID applicationId, Reader reader, Page.Request page) {
        return page(MESSAGE + " and n.application_id = :applicationId order by n.version, n.id", reader, page,
                new HashMap<>(Map.of("applicationId", applicationId)));
    }

    /** Every message the reader may see, newest first. */
    public Page<Message> of(Reader reader, Page.Request page) {
        return page(MESSAGE + " order by n.created_at desc, n.id desc", reader, page, new HashMap<>());
    }

    /**
     * The status changes of one application after {@code version} that the reader may see, oldest first,
     * at most {@code limit}: what a live stream has not sent yet, read and opened once each (no count, no
     * earlier messages), however long the application's history.
     */
    public List<Message> statusChangesAfter(UUID applicationId, Reader reader, long version, int limit) {
        return jdbc.sql(MESSAGE + """
                         and n.application_id = :applicationId and n.about = 'STATUS' and n.version > :after
                        order by n.version, n.id limit :limit""")
                .param("subject", reader.subject()).param("parentIndex", reader.parentIndex())
                .param("applicationId", applicationId).param("after", version).param("limit", limit)
                .query(this::message).list();
    }

    private Page<Message> page(String query, Reader reader, Page.Request page, Map<String, Object> params) {
        params.put("subject", reader.subject());
        params.put("parentIndex", reader.parentIndex());
        long total = jdbc.sql("select count(*) from (" + query + ") visible").params(params).query(Long.class).single();
        return page.of(jdbc.sql(query + " limit :size offset :offset").params(params)
                .param("size", page.size()).param("offset", page.offset())
                .query(this::message).list(), total);
    }

    private Message message(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4),
                rs.getString(5), rs.getString(6), rs.getString(7), encryption.open(rs.getString(8), TEXT.place()),
                rs.getTimestamp(9).toInstant(), About.valueOf(rs.getString(10)));
    }

    /** Who reads: a token's subject and, for a citizen, the index of their verified ID number. */
    public record Reader(String subject, String parentIndex) {

        /**
         * Whether the reader is among the audience: {@link #MESSAGE}'s condition, for a message known without
         * reading it (the submitter, or a parent by the index of their ID number).
         */
        public boolean sees(Audience audience) {
            return audience != null && (subject.equals(audience.submittedBy())
                    || parentIndex != null && audience.parentIndexes().contains(parentIndex));
        }

        public static Reader of(Caller caller, BlindIndex index) {
            return new Reader(caller.subject(), caller.has(Role.CITIZEN) && caller.idNumber() != null
                    ? index.idNumber(caller.idNumber()) : null);
        }
    }

    public record Message(long id, UUID applicationId, String reference, long version, String status, String item,
                          String channel, String text, Instant createdAt, About about) {
    }

    /**
     * A status change's message as this instance recorded it, with who may read it ({@code audience}, from the
     * change): what its application's live streams send once it is committed, without reading it back.
     */
    public record StatusMessage(UUID applicationId, long version, String status, String item, String text,
                                Instant createdAt, Audience audience) {
    }

    /**
     * The messages of applications that finished (their newest version's status is final) and got no
     * message for {@code period}, all of an application's at once, with who may read them, for the
     * service's purges. The messages of an open application stay, however old.
     */
    public static Purge finishedApplications(Duration period) {
        return Purge.of("notifications", "notification", "created_at", period)
                .where("""
                        (select newest.status from notification newest
                         where newest.application_id = notification.application_id
                         order by newest.version desc, newest.id desc limit 1) in (%s)
                        and not exists (select 1 from notification recent
                                        where recent.application_id = notification.application_id
                                          and recent.created_at >= :cutoff)""".formatted(FINISHED))
                .keyedBy("application_id", new Purge.Dependent("application_audience", "application_id"));
    }
}
