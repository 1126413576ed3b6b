package cn.gov.birth.application.intake;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.access.ApplicationAccess.Parties;
import cn.gov.birth.application.deadlines.Deadlines;
import cn.gov.birth.application.intake.Acceptance.Outcome;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.application.tracking.ApplicationView;
import cn.gov.birth.application.tracking.ApplicationViews;
import cn.gov.birth.application.tracking.StatusPublisher;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.ItemStatus;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * The single window: validates the form, decides once, stores the application and, when it is
 * accepted, publishes {@link ApplicationSubmitted} in the same transaction (outbox).
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final int MAX_IDEMPOTENCY_KEY = 200;
    /** The parts of the form a supplement may bring; who the newborn is and where it applies stay as filed. */
    static final List<String> SUPPLEMENTABLE = List.of("applicant", "father", "marriage", "household", "insurance",
            "reimbursement", "socialSecurityCard", "delivery", "ethnicityConfirmation", "materials");
    /** What a correction of returned items may bring besides: the data a department found not to match its records. */
    static final List<String> CORRECTABLE = Stream.concat(SUPPLEMENTABLE.stream(),
            Stream.of("mother", "newborn")).toList();
    private static final TypeReference<Map<String, Object>> MAP =
            new TypeReference<>() {
            };

    private final FormValidator validator;
    private final Filings filings;
    private final ApplicationAccess access;
    private final AcceptanceDecision decision;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final StatusPublisher statusPublisher;
    private final ApplicationViews views;
    private final Deadlines deadlines;
    private final Clock clock;

    IntakeService(FormValidator validator, Filings filings, ApplicationAccess access, AcceptanceDecision decision,
                  JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox, StatusPublisher statusPublisher,
                  ApplicationViews views, Deadlines deadlines, Clock clock) {
        this.validator = validator;
        this.filings = filings;
        this.access = access;
        this.decision = decision;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.statusPublisher = statusPublisher;
        this.views = views;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Decides on the form the caller files and stores it, recording who filed it and for whom; the
     * caller's same idempotency key with the same form returns the first result.
     */
    public ApplicationView submit(ApplicationRequest form, String idempotencyKey, Caller caller) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY)) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldError("Idempotency-Key",
                    "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key 应为1至" + MAX_IDEMPOTENCY_KEY + "个字符")));
        }
        validator.validate(form);
        Channel channel = filings.channel(caller, form);
        String hash = hash(form);
        if (idempotencyKey != null) {
            Optional<ApplicationView> earlier = earlier(idempotencyKey, hash, caller);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        try {
            UUID id = transactions.execute(status -> store(form, idempotencyKey, hash, caller, channel));
            return views.find(id).orElseThrow();
        } catch (DuplicateKeyException e) {
            // A concurrent request with the same key won the race: answer as it was answered.
            return earlier(idempotencyKey, hash, caller).orElseThrow(() -> e);
        }
    }

    private Optional<ApplicationView> earlier(String idempotencyKey, String hash, Caller caller) {
        return jdbc.sql("select id, request_hash from application where submitted_by = ? and idempotency_key = ?")
                .params(caller.subject(), idempotencyKey)
                .query((rs, n) -> {
                    if (!hash.equals(rs.getString(2))) {
                        throw new ProblemException(HttpStatus.CONFLICT, "Idempotency key reused",
                                "This Idempotency-Key was used with a different application.");
                    }
                    return rs.getObject(1, UUID.class);
                })
                .optional()
                .flatMap(views::find);
    }

    private UUID store(ApplicationRequest form, String idempotencyKey, String hash, Caller caller, Channel channel) {
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        refuseSecondOpenApplication(form, null, caller);
        Parties parties = access.parties(caller, form.mother().idNumber(),
                form.father() == null ? null : form.father().idNumber());
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        String reference = nextReference(form.region(), now);
        jdbc.sql("""
                        insert into application (id, reference, region, channel, status, version, acceptance, form,
                                                 idempotency_key, request_hash, submitted_at,
                                                 mother_id_number, newborn_birth_time, birth_certificate_number,
                                                 submitted_by, mother_index, father_index)
                        values (?, ?, ?, ?, ?, 1, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, reference, form.region(), channel.name(),
                        statusOf(acceptance).name(), EventCodec.mapper().writeValueAsString(acceptance),
                        EventCodec.mapper().writeValueAsString(form), idempotencyKey, hash, Timestamp.from(now),
                        form.mother().idNumber(), Timestamp.from(form.newborn().birthTimeValue().toInstant()),
                        form.newborn().birthCertificateNumber(), parties.submittedBy(), parties.motherIndex(),
                        parties.fatherIndex())
                .update();
        recordDecision(id, reference, form, acceptance, now);
        statusPublisher.publish(id, null, null);
        return id;
    }

    /**
     * A supplement (补正). For a NEEDS_SUPPLEMENT application: what it was asked for (sections of
     * the form, replacing the earlier ones), then the application is decided again and, once
     * complete, distributed. For an ACTION_REQUIRED one: the correction of what departments
     * returned (the mother's and the newborn's data may be corrected too); the corrected form must
     * still be acceptable, the returned items resume and the departments get the corrected form.
     */
    public ApplicationView supplement(UUID id, Map<String, Object> sections, Caller caller) {
        if (sections == null || sections.isEmpty()) {
            throw notSupplementable(CORRECTABLE);
        }
        transactions.executeWithoutResult(status -> {
            Filed filed = jdbc.sql("select reference, status, form from application where id = ? for update")
                    .param(id)
                    .query((rs, n) -> new Filed(rs.getString(1), ApplicationStatus.valueOf(rs.getString(2)),
                            rs.getString(3)))
                    .optional()
                    .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Application not found",
                            "No application " + id + "."));
            switch (filed.status()) {
                case NEEDS_SUPPLEMENT -> completeFiling(id, filed, sections);
                case ACTION_REQUIRED -> correctReturned(id, filed, sections, caller);
                default -> throw new ProblemException(HttpStatus.CONFLICT, "Nothing to supplement",
                        "该申请当前状态为 " + filed.status() + "，无需补正。");
            }
        });
        return views.find(id).orElseThrow();
    }

    private void completeFiling(UUID id, Filed filed, Map<String, Object> sections) {
        if (!SUPPLEMENTABLE.containsAll(sections.keySet())) {
            throw notSupplementable(SUPPLEMENTABLE);
        }
        ApplicationRequest form = merged(filed, sections);
        Instant now = clock.instant();
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        jdbc.sql("""
                        update application set form = ?::jsonb, acceptance = ?::jsonb, status = ?,
                               version = version + 1, father_index = ?
                        where id = ?""")
                .params(EventCodec.mapper().writeValueAsString(form),
                        EventCodec.mapper().writeValueAsString(acceptance), statusOf(acceptance).name(),
                        fatherIndex(form), id)
                .update();
        received(id, sections, now);
        recordDecision(id, filed.reference(), form, acceptance, now);
        statusPublisher.publish(id, filed.status(), null);
    }

    private void correctReturned(UUID id, Filed filed, Map<String, Object> sections, Caller caller) {
        if (!CORRECTABLE.containsAll(sections.keySet())) {
            throw notSupplementable(CORRECTABLE);
        }
        ApplicationRequest form = merged(filed, sections);
        refuseSecondOpenApplication(form, id, caller);
        Acceptance acceptance = decision.decide(form, Item.withDependencies(form.items()));
        if (acceptance.outcome() != Outcome.ACCEPTED) {
            throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Correction not acceptable",
                    "补正后的申请不再符合受理条件：" + String.join("；", Stream.concat(
                            acceptance.reasons().stream(), acceptance.missing().stream())
                            .map(n -> n.code() + " " + n.message()).toList()));
        }
        Instant now = clock.instant();
        List<Item> resumed = jdbc.sql("""
                        update application_item set status = 'IN_PROGRESS', reason_code = null,
                               reason_message = null, updated_at = ?
                        where application_id = ? and status = 'RETURNED'
                        returning item""")
                .params(Timestamp.from(now), id)
                .query((rs, n) -> Item.valueOf(rs.getString(1)))
                .list();
        jdbc.sql("""
                        update application set form = ?::jsonb, status = 'IN_PROGRESS', version = version + 1,
                               mother_id_number = ?, newborn_birth_time = ?, birth_certificate_number = ?,
                               mother_index = ?, father_index = ?
                        where id = ?""")
                .params(EventCodec.mapper().writeValueAsString(form), form.mother().idNumber(),
                        Timestamp.from(form.newborn().birthTimeValue().toInstant()),
                        form.newborn().birthCertificateNumber(), access.parentIndex(form.mother().idNumber()),
                        fatherIndex(form), id)
                .update();
        received(id, sections, now);
        ApplicationSubmitted corrected = submitted(id, filed.reference(), form,
                List.copyOf(Item.withDependencies(form.items())), now);
        outbox.publish(Topics.APPLICATION, ApplicationSupplemented.of(UUID.randomUUID(), now, resumed, corrected));
        log.info("Application {} ({}) supplemented; {} resume", filed.reference(), id, resumed);
        statusPublisher.publish(id, filed.status(), null);
    }

    private ApplicationRequest merged(Filed filed, Map<String, Object> sections) {
        Map<String, Object> merged = EventCodec.mapper().readValue(filed.form(), MAP);
        Object materials = addMaterials(merged.get("materials"), sections.get("materials"));
        merged.putAll(sections);
        merged.put("materials", materials);
        ApplicationRequest form = readForm(merged);
        validator.validate(form);
        return form;
    }

    private void received(UUID id, Map<String, Object> sections, Instant now) {
        jdbc.sql("insert into timeline_entry (application_id, at, type, detail) values (?, ?, ?, ?)")
                .params(id, Timestamp.from(now), "SupplementReceived", "已收到补正材料：" + String.join("、",
                        sections.keySet().stream().sorted().toList()))
                .update();
    }

    private static InvalidInputException notSupplementable(List<String> allowed) {
        return new InvalidInputException(List.of(new InvalidInputException.FieldError("$", "NOT_SUPPLEMENTABLE",
                "补正内容只能包含以下部分：" + String.join("、", allowed))));
    }

    /**
     * Materials brought with a supplement join those already filed (one of the same type replaces
     * the earlier one): the applicant brings what the notice listed, not everything again.
     */
    private static Object addMaterials(Object filed, Object brought) {
        if (!(brought instanceof List<?> added)) {
            return brought == null ? filed : brought;
        }
        Map<Object, Object> byType = new LinkedHashMap<>();
        for (List<?> list : List.of(filed instanceof List<?> earlier ? earlier : List.of(), added)) {
            for (Object material : list) {
                byType.put(material instanceof Map<?, ?> m && m.get("type") != null ? m.get("type") : material,
                        material);
            }
        }
        return new ArrayList<>(byType.values());
    }

    /** Writes the decision's consequences: for an accepted application its items, deadlines and distribution. */
    private void recordDecision(UUID id, String reference, ApplicationRequest form, Acceptance acceptance,
                                Instant now) {
        if (acceptance.outcome() == Outcome.ACCEPTED) {
            Set<Item> items = Item.withDependencies(form.items());
            LocalDate acceptedOn = LocalDate.ofInstant(now, CHINA);
            jdbc.sql("update application set deadline = ? where id = ?")
                    .params(deadlines.ofApplication(form.region(), acceptedOn), id)
                    .update();
            for (Item item : items) {
                boolean waits = item.requires().stream().anyMatch(items::contains);
                jdbc.sql("""
                                insert into application_item (application_id, item, status, deadline, pulled_in,
                                                              updated_at)
                                values (?, ?, ?, ?, ?, ?)""")
                        .params(id, item.name(), (waits ? ItemStatus.WAITING : ItemStatus.IN_PROGRESS).name(),
                                deadlines.of(form.region(), item, acceptedOn), !form.items().contains(item),
                                Timestamp.from(now))
                        .update();
            }
            outbox.publish(Topics.APPLICATION, submitted(id, reference, form, List.copyOf(items), now));
        }
        jdbc.sql("insert into timeline_entry (application_id, at, type, detail) values (?, ?, ?, ?)")
                .params(id, Timestamp.from(now), "Application" + camel(acceptance.outcome().name()),
                        notice(acceptance))
                .update();
        log.info("Application {} ({}) decided {} for mother {}", reference, id, acceptance.outcome(),
                Mask.idNumber(form.mother().idNumber()));
    }

    private record Filed(String reference, ApplicationStatus status, String form) {
    }

    private static ApplicationStatus statusOf(Acceptance acceptance) {
        return switch (acceptance.outcome()) {
            case ACCEPTED -> ApplicationStatus.ACCEPTED;
            case NEEDS_SUPPLEMENT -> ApplicationStatus.NEEDS_SUPPLEMENT;
            case NOT_ACCEPTED -> ApplicationStatus.NOT_ACCEPTED;
        };
    }

    private static ApplicationRequest readForm(Map<String, Object> form) {
        try {
            return EventCodec.mapper().convertValue(form, ApplicationRequest.class);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new InvalidInputException(List.of(new InvalidInputException.FieldError("$", "UNREADABLE",
                    "补正内容的格式不正确")));
        }
    }

    private String fatherIndex(ApplicationRequest form) {
        return form.father() == null ? null : access.parentIndex(form.father().idNumber());
    }

    /**
     * One open application per newborn (the same mother and birth time, or the same birth
     * certificate number). Submissions for one newborn queue on a lock so that two at once cannot
     * both pass. Only the open application's own people are told which one it is.
     */
    private void refuseSecondOpenApplication(ApplicationRequest form, UUID self, Caller caller) {
        Instant birth = form.newborn().birthTimeValue().toInstant();
        String certificate = form.newborn().birthCertificateNumber();
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("newborn:" + form.mother().idNumber() + "@" + birth).query().singleRow();
        if (certificate != null) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                    .param("certificate:" + certificate).query().singleRow();
        }
        jdbc.sql("""
                        select reference, submitted_by, mother_index, father_index from application
                        where status not in ('NOT_ACCEPTED', 'WITHDRAWN', 'COMPLETED', 'PARTIALLY_COMPLETED')
                          and ((mother_id_number = ? and newborn_birth_time = ?)
                               or (birth_certificate_number = cast(? as text)))
                          and (cast(? as uuid) is null or id <> cast(? as uuid))
                        limit 1""")
                .params(form.mother().idNumber(), Timestamp.from(birth), certificate, self, self)
                .query((rs, n) -> access.mayAct(caller, new Parties(rs.getString(2), rs.getString(3), rs.getString(4)))
                        ? "（编号 " + rs.getString(1) + "）" : "")
                .optional()
                .ifPresent(reference -> {
                    throw new ProblemException(HttpStatus.CONFLICT, "Application already open",
                            "此新生儿已有办理中的申请" + reference + "，请勿重复申请，可查询该申请的办理进度。");
                });
    }

    private String nextReference(String region, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, CHINA);
        int sequence = jdbc.sql("""
                        insert into reference_counter (region, day, last) values (?, ?, 1)
                        on conflict (region, day) do update set last = reference_counter.last + 1
                        returning last""")
                .params(region, day)
                .query(Integer.class).single();
        return "%s-%s-%06d".formatted(region, day.format(DateTimeFormatter.BASIC_ISO_DATE), sequence);
    }

    private static ApplicationSubmitted submitted(UUID id, String reference, ApplicationRequest form,
                                                  List<Item> items, Instant now) {
        var newborn = form.newborn();
        var settling = form.settlingParent();
        var household = form.household() == null ? null : new ApplicationForm.Household(
                form.household().settleWith(), settling == null ? null : settling.householdDivision(),
                form.household().headName(), form.household().headIdNumber(), form.household().relationToHead(),
                form.household().nativePlace());
        var delivery = form.delivery() == null ? null : new ApplicationForm.Delivery(
                form.delivery().birthCertificate(), form.delivery().socialSecurityCard(),
                form.delivery().recipient() == null ? null : new ApplicationForm.Recipient(
                        form.delivery().recipient().name(), form.delivery().recipient().phone(),
                        form.delivery().recipient().address()));
        return new ApplicationSubmitted(UUID.randomUUID(), id, now, reference, form.region(), items,
                new ApplicationForm.Applicant(form.applicant().relation(), form.applicant().phone()),
                person(form.mother()), person(form.father()),
                new ApplicationForm.Newborn(newborn.surname(), newborn.givenName(), newborn.sex(), newborn.birthTimeValue(),
                        newborn.ethnicity(), newborn.birthDivision(), newborn.hospitalCode(),
                        newborn.birthCertificateNumber()),
                household,
                form.insurance() == null ? null
                        : new ApplicationForm.Insurance(form.insurance().insuredDivision(), form.insurance().years()),
                form.reimbursement() == null ? null : new ApplicationForm.Reimbursement(
                        form.reimbursement().bankName(), form.reimbursement().accountNumber(),
                        form.reimbursement().accountHolder()),
                form.socialSecurityCard() == null ? null
                        : new ApplicationForm.Card(form.socialSecurityCard().bankCode()),
                delivery);
    }

    private static ApplicationForm.Person person(ApplicationRequest.Parent parent) {
        return parent == null ? null : new ApplicationForm.Person(parent.name(), parent.idType(), parent.idNumber(),
                parent.ethnicity(), parent.nationality(), parent.householdDivision(), parent.householdAddress(),
                parent.phone());
    }

    private static String notice(Acceptance acceptance) {
        return switch (acceptance.outcome()) {
            case ACCEPTED -> "受理通知书：您的申请已受理，将分送各部门并联办理";
            case NEEDS_SUPPLEMENT -> "一次性告知书：请补正 " + String.join("、",
                    acceptance.missing().stream().map(Acceptance.Notice::message).toList());
            case NOT_ACCEPTED -> "不予受理通知书：" + String.join("；",
                    acceptance.reasons().stream().map(Acceptance.Notice::message).toList());
        };
    }

    private static String camel(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase());
        }
        return out.toString();
    }

    private static String hash(ApplicationRequest form) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventCodec.mapper().writeValueAsString(form).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
