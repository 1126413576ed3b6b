package cn.gov.birth.application.evaluation;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.retention.Purge;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one writer of the evaluation table. It reads the application's state (region, status, items'
 * statuses) but never writes the application's tables.
 */
@Repository
public class EvaluationRepository implements EncryptedColumns {

    static final EncryptedColumn COMMENT = new EncryptedColumn("evaluation", "id", "comment", "evaluation.comment");

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    EvaluationRepository(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(COMMENT);
    }

    /** Evaluations older than {@code period}, for the service's purges. */
    public static Purge evaluations(Duration period) {
        return Purge.of("evaluations", "evaluation", "at", period);
    }

    /** What is evaluated: the application's region and status and its items' statuses. */
    record Subject(String region, ApplicationStatus status, Map<Item, ItemStatus> items) {
    }

    Optional<Subject> subject(UUID applicationId) {
        return jdbc.sql("select region, status from application where id = ?").param(applicationId)
                .query((rs, n) -> new Subject(rs.getString("region"), ApplicationStatus.valueOf(rs.getString("status")),
                        items(applicationId)))
                .optional();
    }

    private Map<Item, ItemStatus> items(UUID applicationId) {
        Map<Item, ItemStatus> items = new EnumMap<>(Item.class);
        jdbc.sql("select item, status from application_item where application_id = ?").param(applicationId)
                .query((rs, n) -> items.put(Item.valueOf(rs.getString("item")),
                        ItemStatus.valueOf(rs.getString("status"))))
                .list();
        return items;
    }

    /** Stores the evaluation: its id, or empty when this application (or this item of it) was evaluated already. */
    Optional<Long> add(Evaluation evaluation) {
        Evaluation.Rectification rectification = evaluation.rectification();
        return jdbc.sql("""
                        insert into evaluation (application_id, item, region, department, score, comment, evaluated_by,
                                                at, contact_due, answer_due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing returning id""")
                .params(evaluation.applicationId(), evaluation.item() == null ? null : evaluation.item().name(),
                        evaluation.region(), evaluation.department().name(), evaluation.level().score(),
                        evaluation.comment() == null ? null : encryption.seal(evaluation.comment(), COMMENT.place()),
                        evaluation.evaluatedBy(), Timestamp.from(evaluation.at()),
                        rectification == null ? null : Date.valueOf(rectification.contactDue()),
                        rectification == null ? null : Date.valueOf(rectification.answerDue()))
                .query(Long.class).optional();
    }

    /** The application's evaluations by their ids, oldest first, their comments opened: for the family. */
    Map<Long, Evaluation> of(UUID applicationId) {
        Map<Long, Evaluation> evaluations = new LinkedHashMap<>();
        jdbc.sql("select * from evaluation where application_id = ? order by at, id").param(applicationId)
                .query((rs, n) -> {
                    String comment = rs.getString("comment");
                    Date contactDue = rs.getDate("contact_due");
                    return Map.entry(rs.getLong("id"), new Evaluation(applicationId,
                            rs.getString("item") == null ? null : Item.valueOf(rs.getString("item")),
                            rs.getString("region"), Department.valueOf(rs.getString("department")),
                            Level.of(rs.getInt("score")),
                            comment == null ? null : encryption.open(comment, COMMENT.place()),
                            rs.getString("evaluated_by"), rs.getTimestamp("at").toInstant(), contactDue == null ? null
                            : new Evaluation.Rectification(contactDue.toLocalDate(),
                                    rs.getDate("answer_due").toLocalDate())));
                })
                .list()
                .forEach(entry -> evaluations.put(entry.getKey(), entry.getValue()));
        return evaluations;
    }

    /** Which evaluations the statistics count; a null bound or filter counts all. */
    record Filter(String region, Department department, Item item, LocalDate from, LocalDate to) {
    }

    /**
     * Evaluations by score, and the 差评 with their rectification deadlines and answers, oldest first;
     * a rectification not answered after its answer day ({@code today} in China) is overdue.
     */
    Statistics statistics(Filter filter, LocalDate today) {
        List<String> where = new ArrayList<>(List.of("true"));
        List<Object> params = new ArrayList<>();
        if (filter.region() != null) {
            where.add("region = ?");
            params.add(filter.region());
        }
        if (filter.department() != null) {
            where.add("department = ?");
            params.add(filter.department().name());
        }
        if (filter.item() != null) {
            where.add("item = ?");
            params.add(filter.item().name());
        }
        // Days as China counts them: an evaluation at 07:00 Beijing time on the 1st is of the 1st.
        if (filter.from() != null) {
            where.add("at >= ?");
            params.add(Timestamp.from(filter.from().atStartOfDay(ChinaTime.ZONE).toInstant()));
        }
        if (filter.to() != null) {
            where.add("at < ?");
            params.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(ChinaTime.ZONE).toInstant()));
        }
        String condition = String.join(" and ", where);
        Map<Level, Long> byLevel = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            byLevel.put(level, 0L);
        }
        jdbc.sql("select score, count(*) as n from evaluation where " + condition + " group by score")
                .params(params)
                .query((rs, n) -> byLevel.put(Level.of(rs.getInt("score")), rs.getLong("n"))).list();
        // The answer is the follow-up's (its one writer), read here beside the evaluation it answers.
        List<Statistics.Rectification> rectifications = jdbc.sql("""
                        select application_id, item, department, score, at, contact_due, answer_due,
                               (select f.answered_at from follow_up f where f.evaluation_id = evaluation.id) as answered_at
                        from evaluation
                        where contact_due is not null and\s""" + condition + " order by at, id")
                .params(params)
                .query((rs, n) -> new Statistics.Rectification(rs.getObject("application_id", UUID.class),
                        rs.getString("item") == null ? null : Item.valueOf(rs.getString("item")),
                        Department.valueOf(rs.getString("department")), Level.of(rs.getInt("score")),
                        rs.getTimestamp("at").toInstant(), rs.getDate("contact_due").toLocalDate(),
                        rs.getDate("answer_due").toLocalDate(), rs.getTimestamp("answered_at") == null ? null
                        : rs.getTimestamp("answered_at").toInstant()))
                .list();
        return Statistics.of(byLevel, rectifications, today);
    }

    /**
     * The counts by level, the share satisfied and the 差评 to follow up (without the family's words),
     * counted as answered, open within their answer day, or open past it (overdue).
     */
    public record Statistics(long total, Map<Level, Long> byLevel, long bad, Double satisfiedRate,
                             RectificationCounts rectificationCounts, List<Rectification> rectifications) {

        static Statistics of(Map<Level, Long> byLevel, List<Rectification> rectifications, LocalDate today) {
            long total = byLevel.values().stream().mapToLong(Long::longValue).sum();
            long bad = byLevel.entrySet().stream().filter(e -> e.getKey().isBad()).mapToLong(Map.Entry::getValue).sum();
            Map<RectificationState, Long> states = new EnumMap<>(RectificationState.class);
            rectifications.forEach(r -> states.merge(r.state(today), 1L, Long::sum));
            return new Statistics(total, Map.copyOf(byLevel), bad,
                    total == 0 ? null : (double) (total - bad) / total,
                    new RectificationCounts(states.getOrDefault(RectificationState.OPEN, 0L),
                            states.getOrDefault(RectificationState.ANSWERED, 0L),
                            states.getOrDefault(RectificationState.OVERDUE, 0L)),
                    rectifications);
        }

        public enum RectificationState { OPEN, ANSWERED, OVERDUE }

        public record RectificationCounts(long open, long answered, long overdue) {
        }

        public record Rectification(UUID applicationId, Item item, Department department, Level level, Instant at,
                                    LocalDate contactDue, LocalDate answerDue, Instant answeredAt) {

            RectificationState state(LocalDate today) {
                return answeredAt != null ? RectificationState.ANSWERED
                        : today.isAfter(answerDue) ? RectificationState.OVERDUE : RectificationState.OPEN;
            }
        }
    }
}
