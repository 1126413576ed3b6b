package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.DependentItem;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers the birth in the household of the parent the newborn settles with, once the birth
 * certificate is issued; a certificate that was not issued cancels the registration.
 */
@Service
public class HouseholdRegistrations {

    private static final Logger log = LoggerFactory.getLogger(HouseholdRegistrations.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final DependentItem registration;
    private final CitizenIdNumbers citizenIds;
    private final HukouProperties properties;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    HouseholdRegistrations(Rendezvous rendezvous, CitizenIdNumbers citizenIds, HukouProperties properties,
                           JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.registration = new DependentItem(Item.HUKOU, Item.BIRTH_CERT, Topics.HUKOU, rendezvous, outbox, clock,
                this::register);
        this.citizenIds = citizenIds;
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void onApplication(ApplicationSubmitted application) {
        registration.onApplication(application);
    }

    /** Facts about the birth certificate: its final outcome starts or cancels the registration. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onBirthCertificate(ItemFact fact) {
        registration.onUpstreamFact(fact);
    }

    private void register(ApplicationSubmitted application, ItemCompleted certificate) {
        Instant now = clock.instant();
        UUID id = application.applicationId();
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
