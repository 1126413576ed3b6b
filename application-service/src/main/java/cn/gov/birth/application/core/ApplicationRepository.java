package cn.gov.birth.application.core;

import cn.gov.birth.application.core.Application.ApplicationItem;
import cn.gov.birth.application.core.Application.ReceivedMaterial;
import cn.gov.birth.application.core.Application.Submission;
import cn.gov.birth.application.core.Application.TimelineEntry;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.DepartmentViews;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.db.Columns;
import cn.gov.birth.platform.db.WrittenAtCommit;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.retention.Purge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads and saves {@link Application}s: the only writer of {@code application},
 * {@code application_item}, {@code timeline_entry} and {@code received_material}. Saving writes what the aggregate changed and
 * the events it returned, in the caller's transaction (outbox): the status to the applicant's
 * topic, the application events as each department's view to its topic ({@link DepartmentViews}). The form and the items' results carry
 * personal data (ID numbers, phones, the bank account, the newborn's citizen ID number): they are
 * stored sealed ({@link #FORM}, {@link #RESULT}); the parents are found by keyed indexes of their ID
 * numbers ({@link Parties}).
 */
@Repository
public class ApplicationRepository {

    /** The finished states, as SQL, from the one definition ({@link ApplicationStatus#isFinal()}). */
    private static final String FINISHED = String.join(", ", Arrays.stream(ApplicationStatus.values())
            .filter(ApplicationStatus::isFinal).map(status -> "'" + status + "'").toList());

    /** The application form as filed (or last corrected), sealed. */
    public static final EncryptedColumn FORM = new EncryptedColumn("application", "id", "form", "application.form");
    /**
     * The applicant's phone, sealed: every status change carries it (for the SMS), so that a fact need not
     * read the form. Null in rows from before it, and when the form has none: then the form tells.
     */
    public static final EncryptedColumn APPLICANT_PHONE =
            new EncryptedColumn("application", "id", "applicant_phone", "application.applicant_phone");
    /** An item's result (certificate and card numbers, the newborn's citizen ID number), sealed. */
    public static final EncryptedColumn RESULT =
            new EncryptedColumn("application_item", "id", "result", "application_item.result");

    /** An item's columns as {@link ApplicationItem} reads them. */
    private static final String ITEM = """
            item, status, deadline, reason_code, reason_message, result as result_json, updated_at, pulled_in""";
    /** The row's columns as {@link Row} reads them, but the form (the lazy part of {@link #lock}). */
    private static final String ROW_BUT_FORM = """
            id, reference, region, channel, service_centre, hospital, idempotency_key, request_hash, submitted_at,
            status, version, acceptance, cast(null as text) as form, submitted_by, mother_index, father_index,
            deadline, completed_at, newborn_birth_time, birth_certificate_number, applicant_phone""";

    /** The key of this transaction's locked applications ({@link #lock}). */
    private static final Object LOCKED = new Object();

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Outbox outbox;
    private final FieldEncryption encryption;
    private final WrittenAtCommit<Changes> changes = new WrittenAtCommit<>(Changes::new, this::write);

    ApplicationRepository(JdbcClient jdbc, JdbcTemplate batches, Outbox outbox, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.outbox = outbox;
        this.encryption = encryption;
    }

    /**
     * The application with its items, locked until the caller's transaction ends (facts of one application
     * queue here). Its form (the largest column, sealed) is read, opened and parsed only if the command asks
     * for it: a department's fact, most of the commands, does not. Within one transaction it is read once:
     * a later lock returns the same aggregate, as the earlier commands left it and {@link #save} wrote it
     * (a poll's facts about one application, often several, read its row and items and open its results
     * once, not once per fact).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Application> lock(UUID id) {
        Map<UUID, Application> locked = lockedInThisTransaction();
        Application known = locked.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        // The row first: its lock is what keeps the items still while they are read.
        Optional<Application> application = jdbc.sql(
                        "select " + ROW_BUT_FORM + " from application where id = ? for update")
                .param(id).query(Row.class).optional()
                .map(row -> aggregate(row, jdbc.sql("select " + ITEM + " from application_item where application_id = ?")
                        .param(id).query(ApplicationItem.class).list()));
        application.ifPresent(found -> locked.put(id, found));
        return application;
    }

    /**
     * Locks the applications not locked yet in this transaction, as {@link #lock} would one by one, in two
     * statements (their rows, in id order so that two transactions lock them in one order, then their items):
     * a poll's facts name many applications. An id without an application is left to {@link #lock}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<UUID> ids) {
        Map<UUID, Application> locked = lockedInThisTransaction();
        UUID[] wanted = ids.stream().filter(id -> !locked.containsKey(id)).distinct().toArray(UUID[]::new);
        if (wanted.length == 0) {
            return;
        }
        List<Row> rows = jdbc.sql("select " + ROW_BUT_FORM + " from application where id = any(?) order by id for update")
                .param(wanted).query(Row.class).list();
        if (rows.isEmpty()) {
            return;
        }
        DataClassRowMapper<ApplicationItem> item = new DataClassRowMapper<>(ApplicationItem.class);
        Map<UUID, List<ApplicationItem>> items = jdbc.sql(
                        "select application_id, " + ITEM + " from application_item where application_id = any(?)")
                .param(rows.stream().map(Row::id).toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("application_id", UUID.class), item.mapRow(rs, n)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        rows.forEach(row -> locked.put(row.id(), aggregate(row, items.getOrDefault(row.id(), List.of()))));
    }

    /** The application of a locked row and its items as stored (results opened; the form read when asked for). */
    private Application aggregate(Row row, List<ApplicationItem> items) {
        return row.application(() -> form(row.id()), encryption.open(row.applicantPhone(), APPLICANT_PHONE.place()),
                items.stream().map(this::opened).toList());
    }

    /** The applications this transaction locked, by id; forgotten when it ends, committed or rolled back. */
    @SuppressWarnings("unchecked")
    private static Map<UUID, Application> lockedInThisTransaction() {
        Map<UUID, Application> locked = (Map<UUID, Application>) TransactionSynchronizationManager.getResource(LOCKED);
        if (locked == null) {
            Map<UUID, Application> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(LOCKED, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(LOCKED);
                }
            });
            locked = fresh;
        }
        return locked;
    }

    /** The form as stored, opened. */
    private ApplicationRequest form(UUID id) {
        String sealed = jdbc.sql("select form from application where id = ?").param(id).query(String.class).single();
        return EventCodec.mapper().readValue(encryption.open(sealed, FORM.place()), ApplicationRequest.class);
    }

    /** The item as stored, its result opened. */
    public ApplicationItem opened(ApplicationItem item) {
        return item.resultJson() == null ? item : new ApplicationItem(item.item(), item.status(), item.deadline(),
                item.reasonCode(), item.reasonMessage(), encryption.open(item.resultJson(), RESULT.place()),
                item.updatedAt(), item.pulledIn());
    }

    /**
     * Keeps what the application's command changed, to be written as the transaction commits (a new
     * application's row and a changed form at once), and publishes the events it caused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Application application, List<BirthEvent> events) {
        boolean rowWritten = writeRowWithForm(application);
        UUID id = application.id();
        RowChange row = rowWritten ? null : new RowChange(id, application.status().name(), application.version(),
                application.deadline(), application.completedAt());
        List<ApplicationItem> items = application.changedItems();
        List<TimelineEntry> entries = application.newEntries();
        List<ReceivedMaterial> materials = application.newMaterials();
        changes.add(pending -> {
            if (row != null) {
                pending.rows().put(id, row);
            } else {
                pending.rows().remove(id); // the row was just written with a newer state
            }
            items.forEach(item -> pending.items().put(new ItemKey(id, item.item()), item));
            entries.forEach(entry -> pending.entries().add(new NewEntry(id, entry)));
            materials.forEach(material -> pending.materials().add(new NewMaterial(id, material)));
        });
        for (BirthEvent event : events) {
            if (event instanceof ApplicationStatusChanged) {
                outbox.publish(Topics.APPLICATION_STATUS, event);
            } else {
                DepartmentViews.of(event).forEach(copy -> outbox.publish(copy.topic(), copy.event()));
            }
        }
        application.saved();
    }

    /** Writes what this transaction saved so far now, for a read of the tables that follows in it. */
    public void flush() {
        changes.flush();
    }

    /**
     * A transaction's changes to applications, each row written once however many commands changed it
     * (the last state): the rows' status, the items (one upsert each), the timeline lines and materials.
     */
    private record Changes(Map<UUID, RowChange> rows, Map<ItemKey, ApplicationItem> items, List<NewEntry> entries,
                           List<NewMaterial> materials) {

        Changes() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** What a command that leaves the form alone changes in the application's row. */
    private record RowChange(UUID id, String status, long version, LocalDate deadline, Instant completedAt) {
    }

    private record ItemKey(UUID applicationId, Item item) {
    }

    private record NewEntry(UUID applicationId, TimelineEntry entry) {
    }

    private record NewMaterial(UUID applicationId, ReceivedMaterial material) {
    }

    /** One statement per table (arrays unnested), in the order the changes were saved. */
    private void write(Changes pending) {
        if (!pending.rows().isEmpty()) {
            Collection<RowChange> rows = pending.rows().values();
            jdbc.sql("""
                            update application a set status = r.status, version = r.version,
                                   deadline = cast(r.deadline as date), completed_at = cast(r.completed_at as timestamptz)
                            from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as bigint[]), cast(? as text[]),
                                        cast(? as text[])) as r (id, status, version, deadline, completed_at)
                            where a.id = r.id""")
                    .params(Columns.of(rows, RowChange::id, UUID[]::new), Columns.of(rows, RowChange::status, String[]::new),
                            Columns.of(rows, RowChange::version, Long[]::new),
                            Columns.of(rows, row -> text(row.deadline()), String[]::new),
                            Columns.of(rows, row -> text(row.completedAt()), String[]::new))
                    .update();
        }
        if (!pending.items().isEmpty()) {
            List<Map.Entry<ItemKey, ApplicationItem>> items = List.copyOf(pending.items().entrySet());
            jdbc.sql("""
                            insert into application_item (application_id, item, status, deadline, reason_code,
                                                          reason_message, result, updated_at, pulled_in)
                            select application_id, item, status, cast(deadline as date), reason_code, reason_message,
                                   result, cast(updated_at as timestamptz), cast(pulled_in as boolean)
                            from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                        cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                        cast(? as text[]))
                                 as i (application_id, item, status, deadline, reason_code, reason_message, result,
                                       updated_at, pulled_in)
                            on conflict (application_id, item) do update set status = excluded.status,
                                   reason_code = excluded.reason_code, reason_message = excluded.reason_message,
                                   result = excluded.result, updated_at = excluded.updated_at""")
                    .params(Columns.of(items, item -> item.getKey().applicationId(), UUID[]::new),
                            Columns.of(items, item -> item.getKey().item().name(), String[]::new),
                            Columns.of(items, item -> item.getValue().status().name(), String[]::new),
                            Columns.of(items, item -> text(item.getValue().deadline()), String[]::new),
                            Columns.of(items, item -> item.getValue().reasonCode(), String[]::new),
                            Columns.of(items, item -> item.getValue().reasonMessage(), String[]::new),
                            Columns.of(items, item -> encryption.seal(item.getValue().resultJson(), RESULT.place()),
                                    String[]::new),
                            Columns.of(items, item -> text(item.getValue().updatedAt()), String[]::new),
                            Columns.of(items, item -> Boolean.toString(item.getValue().pulledIn()), String[]::new))
                    .update();
        }
        if (!pending.entries().isEmpty()) {
            List<NewEntry> entries = pending.entries();
            jdbc.sql("""
                            insert into timeline_entry (application_id, at, type, item, detail)
                            select application_id, cast(at as timestamptz), type, item, detail
                            from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                        cast(? as text[])) with ordinality as t (application_id, at, type, item, detail, n)
                            order by n""")
                    .params(Columns.of(entries, NewEntry::applicationId, UUID[]::new),
                            Columns.of(entries, entry -> text(entry.entry().at()), String[]::new),
                            Columns.of(entries, entry -> entry.entry().type(), String[]::new),
                            Columns.of(entries, entry -> entry.entry().item() == null ? null : entry.entry().item().name(),
                                    String[]::new),
                            Columns.of(entries, entry -> entry.entry().detail(), String[]::new))
                    .update();
        }
        if (!pending.materials().isEmpty()) {
            batches.batchUpdate("""
                            insert into received_material (application_id, type, document_id, received_by,
                                                           service_centre, received_at)
                            values (?, ?, ?, ?, ?, ?)""",
                    pending.materials().stream().map(m -> new Object[]{m.applicationId(), m.material().type(),
                            m.material().documentId(), m.material().receivedBy(), m.material().serviceCentre(),
                            Timestamp.from(m.material().receivedAt())}).toList());
        }
    }

    private static String text(Object dateOrInstant) {
        return dateOrInstant == null ? null : dateOrInstant.toString();
    }

    /** The application the submitter filed earlier with this idempotency key, and the hash of that request. */
    public Optional<Idempotent> earlier(String submittedBy, String idempotencyKey) {
        return jdbc.sql("select id, request_hash from application where submitted_by = ? and idempotency_key = ?")
                .params(submittedBy, idempotencyKey)
                .query((rs, n) -> new Idempotent(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional();
    }

    public record Idempotent(UUID id, String requestHash) {
    }

    /** An open application for a newborn: its reference, told only to its own people. */
    public record Open(String reference, Parties parties) {
    }

    /**
     * The open application for the newborn (the same mother, by the index of her ID number, and
     * birth time, or the same birth certificate number), other than {@code self}. Submissions for
     * one newborn queue on a lock until the caller's transaction ends, so that two at once cannot
     * both find none.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Open> lockOpenApplicationOf(ApplicationRequest form, String motherIndex, UUID self) {
        Instant birth = form.newborn().birthTimeValue().toInstant();
        String certificate = form.newborn().birthCertificateNumber();
        Stream.of("newborn:" + motherIndex + "@" + birth, certificate == null ? null
                : "certificate:" + certificate).filter(Objects::nonNull).forEach(key ->
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query().singleRow());
        return jdbc.sql("""
                        select reference, submitted_by, mother_index, father_index, service_centre from application
                        where status not in (%s)
                          and ((mother_index = ? and newborn_birth_time = ?)
                               or (birth_certificate_number = cast(? as text)))
                          and (cast(? as uuid) is null or id <> cast(? as uuid))
                        limit 1""".formatted(FINISHED))
                .params(motherIndex, Timestamp.from(birth), certificate, self, self)
                .query((rs, n) -> new Open(rs.getString(1), new Parties(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))))
                .optional();
    }

    /** The next human-readable reference of the region and day: {@code <region>-<yyyyMMdd>-<sequence>}. */
    public String nextReference(String region, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, ChinaTime.ZONE);
        int sequence = jdbc.sql("""
                        insert into reference_counter (region, day, last) values (?, ?, 1)
                        on conflict (region, day) do update set last = reference_counter.last + 1
                        returning last""")
                .params(region, day)
                .query(Integer.class).single();
        return "%s-%s-%06d".formatted(region, day.format(DateTimeFormatter.BASIC_ISO_DATE), sequence);
    }

    /**
     * Writes a new application's row, or the row of one whose form changed (a supplement or correction),
     * at once: true then. A command that changes only the status leaves the row to the commit ({@link #save}).
     */
    private boolean writeRowWithForm(Application application) {
        if (!application.isNew() && !application.formChanged()) {
            return false;
        }
        Row row = Row.of(application, encryption.seal(json(application.form()), FORM.place()),
                encryption.seal(application.applicantPhone(), APPLICANT_PHONE.place()));
        if (application.isNew()) {
            jdbc.sql("""
                            insert into application (id, reference, region, channel, service_centre, hospital,
                                                     idempotency_key, request_hash, submitted_at, status, version,
                                                     acceptance, form, submitted_by, mother_index, father_index,
                                                     deadline, completed_at, newborn_birth_time,
                                                     birth_certificate_number, applicant_phone)
                            values (:id, :reference, :region, :channel, :serviceCentre, :hospital, :idempotencyKey,
                                    :requestHash, :submittedAt, :status, :version, cast(:acceptance as jsonb), :form,
                                    :submittedBy, :motherIndex, :fatherIndex, :deadline, :completedAt,
                                    :newbornBirthTime, :birthCertificateNumber, :applicantPhone)""")
                    .paramSource(row).update();
            return true;
        }
        // A supplement or a correction: the form and what the row keeps of it.
        jdbc.sql("""
                        update application set status = :status, version = :version, deadline = :deadline,
                               completed_at = :completedAt, acceptance = cast(:acceptance as jsonb), form = :form,
                               newborn_birth_time = :newbornBirthTime,
                               birth_certificate_number = :birthCertificateNumber, mother_index = :motherIndex,
                               father_index = :fatherIndex, applicant_phone = :applicantPhone
                        where id = :id""")
                .paramSource(row).update();
        return true;
    }

    /**
     * The application's own row, column by column (the form and the phone sealed): read by name, and
     * written from the aggregate.
     */
    private record Row(UUID id, String reference, String region, String channel, String serviceCentre,
                       String hospital, String idempotencyKey, String requestHash, Timestamp submittedAt, String status, long version, String acceptance,
                       String form, String submittedBy, String motherIndex, String fatherIndex, LocalDate deadline,
                       Timestamp completedAt, Timestamp newbornBirthTime, String birthCertificateNumber,
                       String applicantPhone) {

        static Row of(Application application, String sealedForm, String sealedPhone) {
            Submission submission = application.submission();
            ApplicationRequest form = application.form();
            Parties parties = application.parties();
            Instant completedAt = application.completedAt();
            return new Row(application.id(), application.reference(), application.region(),
                    submission.channel().name(), submission.serviceCentre(), submission.hospital(),
                    submission.idempotencyKey(), submission.requestHash(),
                    Timestamp.from(application.submittedAt()), application.status().name(), application.version(),
                    json(application.acceptance()), sealedForm, parties.submittedBy(), parties.motherIndex(),
                    parties.fatherIndex(), application.deadline(), completedAt == null ? null
                    : Timestamp.from(completedAt), Timestamp.from(form.newborn().birthTimeValue().toInstant()),
                    form.newborn().birthCertificateNumber(), sealedPhone);
        }

        /** The application of this row (read without its form), the form read by {@code form} when asked for. */
        Application application(Supplier<ApplicationRequest> form, String openedPhone, List<ApplicationItem> items) {
            return new Application(id, reference, new Submission(Channel.valueOf(channel), serviceCentre, hospital,
                    idempotencyKey, requestHash), submittedAt.toInstant(), region, ApplicationStatus.valueOf(status),
                    version, () -> EventCodec.mapper().readValue(acceptance, Acceptance.class), form, openedPhone,
                    new Parties(submittedBy, motherIndex, fatherIndex, serviceCentre), deadline,
                    completedAt == null ? null : completedAt.toInstant(), items, false);
        }
    }

    private static String json(Object value) {
        return EventCodec.mapper().writeValueAsString(value);
    }

    /**
     * Finished applications ({@link ApplicationStatus#isFinal()}) whose last event (the newest timeline
     * entry: completion, withdrawal, refusal or a late fact) is older than {@code period}, with their
     * items, timeline and overdue records, for the service's purges. An open application stays, however old.
     */
    public static Purge finishedApplications(Duration period) {
        return Purge.of("finished-applications", "application", """
                        coalesce((select max(t.at) from timeline_entry t where t.application_id = application.id),
                                 application.submitted_at)""", period)
                .where("status in (" + FINISHED + ")")
                .keyedBy("id", new Purge.Dependent("application_item", "application_id"),
                        new Purge.Dependent("timeline_entry", "application_id"),
                        new Purge.Dependent("received_material", "application_id"),
                        new Purge.Dependent("item_overdue", "application_id"));
    }
}
