package cn.gov.birth.application.tracking;

import cn.gov.birth.application.core.Parties;
import cn.gov.birth.application.core.Acceptance;
import cn.gov.birth.application.core.Application.ApplicationItem;
import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.application.core.Application.TimelineEntry;
import cn.gov.birth.application.policy.RegionPolicies;
import cn.gov.birth.application.policy.RegionPolicy;
import cn.gov.birth.application.policy.RegionPolicy.Channel;
import cn.gov.birth.application.policy.RegionPolicy.ServiceCentre;
import cn.gov.birth.application.tracking.ApplicationView.ItemView;
import cn.gov.birth.application.tracking.ApplicationView.Reason;
import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.web.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

/** Reads applications as the applicant sees them. */
@Component
public class ApplicationViews {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ApplicationRepository applications;
    private final RegionPolicies policies;

    ApplicationViews(JdbcClient jdbc, ApplicationRepository applications, RegionPolicies policies) {
        this.jdbc = jdbc;
        this.applications = applications;
        this.policies = policies;
    }

    @Transactional(readOnly = true)
    public Optional<ApplicationView> find(UUID id) {
        return find(id, parties -> true);
    }

    /** The application if {@code allowed} admits its parties (who filed it and where, its parents); empty otherwise. */
    @Transactional(readOnly = true)
    public Optional<ApplicationView> find(UUID id, Predicate<Parties> allowed) {
        applications.flush(); // what a command of this transaction saved (a withdrawal, say) is otherwise written at commit
        return jdbc.sql("""
                        select id, reference, region, status, version, acceptance, submitted_at, completed_at,
                               deadline, submitted_by, mother_index, father_index, channel, service_centre,
                               hospital
                        from application where id = ?""")
                .param(id).query(Stored.class).optional()
                .filter(stored -> allowed.test(new Parties(stored.submittedBy(), stored.motherIndex(),
                        stored.fatherIndex(), stored.serviceCentre())))
                .map(stored -> new ApplicationView(stored.id(), stored.reference(), stored.region(), stored.status(),
                        stored.version(), EventCodec.mapper().readValue(stored.acceptance(), Acceptance.class),
                        items(id), timeline(id), stored.submittedAt(), stored.completedAt(), stored.deadline(),
                        filing(stored), materialsReceived(id, stored.region())));
    }

    /**
     * The application's version if {@code allowed} admits its parties, read alone: every change to
     * what {@link #find} shows raises it, so it tells a portal asking again whether anything changed.
     */
    public Optional<Long> version(UUID id, Predicate<Parties> allowed) {
        return jdbc.sql("""
                        select version, submitted_by, mother_index, father_index, service_centre
                        from application where id = ?""")
                .param(id).query((rs, n) -> new Versioned(rs.getLong(1), new Parties(rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5))))
                .optional().filter(versioned -> allowed.test(versioned.parties())).map(Versioned::version);
    }

    private record Versioned(long version, Parties parties) {
    }

    /** The application's own row, before its items and timeline are read. */
    private record Stored(UUID id, String reference, String region, ApplicationStatus status, long version,
                          String acceptance, Instant submittedAt, Instant completedAt, LocalDate deadline,
                          String submittedBy, String motherIndex, String fatherIndex, Channel channel,
                          String serviceCentre, String hospital) {
    }

    /** The family filed online themselves; a clerk or hospital staff member filed for them at their workplace. */
    private ApplicationView.Filing filing(Stored stored) {
        if (stored.channel() == Channel.ONLINE) {
            return new ApplicationView.Filing(Channel.ONLINE, null, null, null);
        }
        ServiceCentre centre = stored.serviceCentre() == null ? null : policies.of(stored.region())
                .flatMap(policy -> policy.serviceCentre(stored.serviceCentre()))
                // A centre since dropped from the policy is still named by its code.
                .orElse(new ServiceCentre(stored.serviceCentre(), null, null, null, null));
        return new ApplicationView.Filing(stored.channel(), centre, stored.hospital(), stored.submittedBy());
    }

    private List<ApplicationView.ReceivedMaterial> materialsReceived(UUID id, String region) {
        Map<String, String> names = policies.of(region).map(policy -> policy.materials().stream()
                .collect(Collectors.toMap(RegionPolicy.Material::code, RegionPolicy.Material::name)))
                .orElse(Map.of());
        return jdbc.sql("""
                        select type, document_id, received_by, service_centre, received_at
                        from received_material where application_id = ? order by id""")
                .param(id).query((rs, n) -> new ApplicationView.ReceivedMaterial(rs.getString(1),
                        names.get(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /** An application in a list: enough to recognise it and see where it stands. */
    public record Summary(UUID id, String reference, String region, String channel, ApplicationStatus status,
                          long version, Instant submittedAt, Instant completedAt, LocalDate deadline) {
    }

    /**
     * The applications a caller submitted, or (with {@code parentIndex}, a citizen's) is a parent
     * on, or (with {@code serviceCentre}, a clerk's) were filed at their centre, newest first.
     */
    @Transactional(readOnly = true)
    public Page<Summary> of(String submittedBy, String parentIndex, String serviceCentre, Page.Request page) {
        String mine = " from application where submitted_by = ? or mother_index = ? or father_index = ?"
                + " or service_centre = ?";
        long total = jdbc.sql("select count(*)" + mine).params(submittedBy, parentIndex, parentIndex, serviceCentre)
                .query(Long.class).single();
        return page.of(jdbc.sql("select id, reference, region, channel, status, version, submitted_at, completed_at, "
                        + "deadline" + mine + " order by submitted_at desc, id limit ? offset ?")
                .params(submittedBy, parentIndex, parentIndex, serviceCentre, page.size(), page.offset())
                .query(Summary.class).list(), total);
    }

    private List<ItemView> items(UUID id) {
        return jdbc.sql("""
                        select item, status, deadline, reason_code, reason_message, result as result_json,
                               updated_at, pulled_in
                        from application_item where application_id = ?""")
                .param(id).query(ApplicationItem.class).list().stream().map(applications::opened)
                .map(item -> new ItemView(item.item(), item.item().department(), item.status(), item.deadline(),
                        item.reasonCode() == null ? null : new Reason(item.reasonCode(), item.reasonMessage()),
                        item.resultJson() == null ? null : EventCodec.mapper().readValue(item.resultJson(), MAP),
                        item.updatedAt(), item.pulledIn()))
                .sorted(Comparator.comparing(ItemView::item)).toList();
    }

    private List<TimelineEntry> timeline(UUID id) {
        return jdbc.sql("select at, type, item, detail from timeline_entry where application_id = ? order by id")
                .param(id).query(TimelineEntry.class).list();
    }
}
