package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.outbox.Outbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration itself: the newborn's citizen ID number from the household county's sequence,
 * the registering police station, the record and {@link HouseholdRegistered}, in one transaction.
 */
@Component
class CitizenRegistration {

    private static final Logger log = LoggerFactory.getLogger(CitizenRegistration.class);

    /** What a registration needs to know of the birth; also what staff see in a review task. */
    record Birth(String region, String division, LocalDate birthDate, String sex) {

        Map<String, Object> context() {
            return Map.of("region", region, "division", division, "birthDate", birthDate.toString(), "sex", sex);
        }

        static Birth of(Map<String, Object> context) {
            return new Birth((String) context.get("region"), (String) context.get("division"),
                    LocalDate.parse((String) context.get("birthDate")), (String) context.get("sex"));
        }
    }

    private final CitizenIdNumbers citizenIds;
    private final HukouProperties properties;
    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    CitizenRegistration(CitizenIdNumbers citizenIds, HukouProperties properties, JdbcClient jdbc, Outbox outbox,
                        Clock clock) {
        this.citizenIds = citizenIds;
        this.properties = properties;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Registers the birth; false, with nothing written, when the county's sequence space for the day is used up. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean register(UUID applicationId, Birth birth) {
        var number = citizenIds.next(birth.division(), birth.birthDate(), birth.sex());
        if (number.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        String station = properties.policeStationOf(birth.division());
        jdbc.sql("""
                        insert into household_registration (application_id, citizen_id_number, division,
                                                            police_station, registered_at)
                        values (?, ?, ?, ?, ?)""")
                .params(applicationId, number.get(), birth.division(), station, Timestamp.from(now))
                .update();
        log.info("Registered birth for application {} with citizen ID {}", applicationId, Mask.idNumber(number.get()));
        outbox.publish(Topics.HUKOU, new HouseholdRegistered(UUID.randomUUID(), applicationId, now, number.get(),
                birth.division(), station));
        return true;
    }
}
