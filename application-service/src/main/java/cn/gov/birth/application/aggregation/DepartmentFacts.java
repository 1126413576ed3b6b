package cn.gov.birth.application.aggregation;

import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.contracts.events.ItemFact;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A department's fact, applied to its application (see {@code Application.apply}). */
@Component
public class DepartmentFacts {

    private static final Logger log = LoggerFactory.getLogger(DepartmentFacts.class);

    private final ApplicationRepository applications;
    private final Clock clock;

    DepartmentFacts(ApplicationRepository applications, Clock clock) {
        this.applications = applications;
        this.clock = clock;
    }

    /** A poll's facts: their applications locked and read at once, before the facts are applied one by one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepare(List<? extends ItemFact> facts) {
        applications.lockAll(facts.stream().map(ItemFact::applicationId).toList());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(ItemFact fact) {
        applications.lock(fact.applicationId()).ifPresentOrElse(
                application -> applications.save(application, application.apply(fact, clock.instant())),
                () -> log.warn("Fact {} for unknown application {} ignored", fact.eventId(), fact.applicationId()));
    }
}
