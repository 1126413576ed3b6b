package cn.gov.birth.application.followup;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.FollowUpKind;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.retention.Purge;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one writer of the follow-up table: a follow-up opened, then answered once. */
@Repository
public class FollowUpRepository implements EncryptedColumns {

    static final EncryptedColumn TEXT = new EncryptedColumn("follow_up", "id", "text", "follow_up.text");
    static final EncryptedColumn ANSWER = new EncryptedColumn("follow_up", "id", "answer", "follow_up.answer");

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    FollowUpRepository(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(TEXT, ANSWER);
    }

    /**
     * Complaints older than {@code period}, kept as long as evaluations, for the service's purges (a
     * rectification goes with its evaluation).
     */
    public static Purge complaints(Duration period) {
        return Purge.of("complaints", "follow_up", "at", period).where("kind = 'COMPLAINT'");
    }

    /** Stores the follow-up; a 差评's words stay in its evaluation's comment, a complaint's are kept here. */
    void add(FollowUp followUp) {
        jdbc.sql("""
                        insert into follow_up (id, application_id, kind, evaluation_id, item, region, department, text,
                                               filed_by, at, contact_due, answer_due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(followUp.id(), followUp.applicationId(), followUp.kind().name(), followUp.evaluationId(),
                        followUp.item() == null ? null : followUp.item().name(), followUp.region(),
                        followUp.department().name(),
                        followUp.kind() == FollowUpKind.COMPLAINT ? encryption.seal(followUp.text(), TEXT.place()) : null,
                        followUp.filedBy(), Timestamp.from(followUp.at()),
                        followUp.contactDue() == null ? null : Date.valueOf(followUp.contactDue()),
                        Date.valueOf(followUp.answerDue()))
                .update();
    }

    /**
     * Records the department's answer, once: the follow-up as answered, or empty when it was
     * answered already (a redelivered answer) or is gone (purged).
     */
    Optional<FollowUp> answered(UUID id, String answer, Instant contactedAt, Instant answeredAt) {
        int recorded = jdbc.sql("""
                        update follow_up set answer = ?, contacted_at = ?, answered_at = ?
                        where id = ? and answered_at is null""")
                .params(encryption.seal(answer, ANSWER.place()),
                        contactedAt == null ? null : Timestamp.from(contactedAt), Timestamp.from(answeredAt), id)
                .update();
        return recorded == 0 ? Optional.empty()
                : jdbc.sql("select * from follow_up where id = ?").param(id).query(this::followUp).optional();
    }

    /** The application's follow-ups of one kind, oldest first, with their answers. */
    List<FollowUp> of(UUID applicationId, FollowUpKind kind) {
        return jdbc.sql("select * from follow_up where application_id = ? and kind = ? order by at, id")
                .params(applicationId, kind.name())
                .query(this::followUp)
                .list();
    }

    private FollowUp followUp(ResultSet rs, int row) throws SQLException {
        String item = rs.getString("item");
        String text = rs.getString("text");
        String answer = rs.getString("answer");
        Date contactDue = rs.getDate("contact_due");
        return new FollowUp(rs.getObject("id", UUID.class), rs.getObject("application_id", UUID.class),
                FollowUpKind.valueOf(rs.getString("kind")), rs.getObject("evaluation_id", Long.class), null,
                item == null ? null : Item.valueOf(item), rs.getString("region"),
                Department.valueOf(rs.getString("department")),
                text == null ? null : encryption.open(text, TEXT.place()), rs.getString("filed_by"),
                rs.getTimestamp("at").toInstant(), contactDue == null ? null : contactDue.toLocalDate(),
                rs.getDate("answer_due").toLocalDate(), instant(rs, "contacted_at"),
                answer == null ? null : encryption.open(answer, ANSWER.place()), instant(rs, "answered_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
