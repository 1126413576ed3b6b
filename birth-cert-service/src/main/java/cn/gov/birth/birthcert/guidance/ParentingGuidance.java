package cn.gov.birth.birthcert.guidance;

import cn.gov.birth.birthcert.certificate.BirthCertificateProperties;
import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.kit.outcome.ItemFacts;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Enrolls the family in 0-1 year parenting guidance (科学育儿指导), until the child's first birthday. */
@Service
public class ParentingGuidance {

    private final JdbcClient jdbc;
    private final ItemFacts facts;
    private final BirthCertificateProperties properties;
    private final Clock clock;

    ParentingGuidance(JdbcClient jdbc, ItemFacts facts, BirthCertificateProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (!application.requests(Item.PARENTING_GUIDANCE)) {
            return;
        }
        Instant now = clock.instant();
        UUID id = application.applicationId();
        LocalDate birthDate = application.newborn().birthTime().atZoneSameInstant(ChinaTime.ZONE).toLocalDate();
        LocalDate until = birthDate.plusMonths(properties.guidanceMonths());
        facts.started(id, Item.PARENTING_GUIDANCE);
        jdbc.sql("insert into guidance_enrollment (application_id, enrolled_until, enrolled_at) values (?, ?, ?)")
                .params(id, until, Timestamp.from(now))
                .update();
        facts.publish(new ParentingGuidanceEnrolled(UUID.randomUUID(), id, now, until));
    }
}
