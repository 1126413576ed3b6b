package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemNotCompleted;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the birth in the household of the parent the newborn settles with, once both the
 * application and the birth certificate's outcome are known (they arrive on different topics, in
 * either order). A birth certificate that was not issued cancels the registration.
 */
@Service
public class HouseholdRegistrations {

    private static final Logger log = LoggerFactory.getLogger(HouseholdRegistrations.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String APPLICATION = "application";
    private static final String BIRTH_CERTIFICATE = "birth-certificate";
    private static final Set<String> NEEDED = Set.of(APPLICATION, BIRTH_CERTIFICATE);

    private final Rendezvous rendezvous;
    private final CitizenIdNumbers citizenIds;
    private final HukouProperties properties;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    HouseholdRegistrations(Rendezvous rendezvous, CitizenIdNumbers citizenIds, HukouProperties properties,
                           JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.rendezvous = rendezvous;
        this.citizenIds = citizenIds;
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        if (application.requests(Item.HUKOU)) {
            arrive(application, APPLICATION);
        }
    }

    /** The birth certificate's final outcome: issued, or not (rejected, cancelled). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onBirthCertificate(ItemFact fact) {
        if (fact.item() == Item.BIRTH_CERT && fact.finishes()) {
            arrive(fact, BIRTH_CERTIFICATE);
        }
    }

    private void arrive(BirthEvent event, String part) {
        rendezvous.arrive(event.applicationId().toString(), part, event, NEEDED).ifPresent(parts ->
                register(parts.get(APPLICATION, ApplicationSubmitted.class), parts.get(BIRTH_CERTIFICATE, ItemFact.class)));
    }

    private void register(ApplicationSubmitted application, ItemFact certificate) {
        Instant now = clock.instant();
        UUID id = application.applicationId();
        if (certificate instanceof ItemNotCompleted notIssued) {
            outbox.publish(Topics.HUKOU, new ItemCancelled(UUID.randomUUID(), id, now, Item.HUKOU,
                    "UPSTREAM_NOT_COMPLETED", "出生医学证明未办结（" + notIssued.message() + "），户口登记无法办理"));
            return;
        }
        outbox.publish(Topics.HUKOU, new ItemStarted(UUID.randomUUID(), id, now, Item.HUKOU));
        var newborn = application.newborn();
        String division = application.household() != null && application.household().division() != null
                ? application.household().division() : newborn.birthDivision();
        LocalDate birthDate = newborn.birthTime().atZoneSameInstant(CHINA).toLocalDate();
        Optional<String> number = citizenIds.next(division, birthDate, newborn.sex());
        if (number.isEmpty()) {
            outbox.publish(Topics.HUKOU, new ItemReturned(UUID.randomUUID(), id, now, Item.HUKOU,
                    "CITIZEN_ID_SEQUENCE_EXHAUSTED", "该县当日出生登记顺序码已用尽，需户籍民警人工处理"));
            return;
        }
        String station = properties.policeStationOf(division);
        jdbc.sql("""
                        insert into household_registration (application_id, citizen_id_number, division,
                                                            police_station, registered_at)
                        values (?, ?, ?, ?, ?)""")
                .params(id, number.get(), division, station, Timestamp.from(now))
                .update();
        log.info("Registered birth for application {} with citizen ID {}", id, Mask.idNumber(number.get()));
        outbox.publish(Topics.HUKOU, new HouseholdRegistered(UUID.randomUUID(), id, now, number.get(), division,
                station));
    }
}
