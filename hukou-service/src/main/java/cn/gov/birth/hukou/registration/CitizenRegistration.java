package cn.gov.birth.hukou.registration;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.hukou.printing.PrintingNotices;
import cn.gov.birth.hukou.printing.PrintingNotices.PrintingNotice;
import cn.gov.birth.hukou.reference.PoliceStations;
import cn.gov.birth.hukou.reference.PoliceStations.Station;
import cn.gov.birth.platform.masking.Mask;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.EncryptedColumns;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.table.ProtectedColumn;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registration itself: the household county's police station, the newborn's citizen ID
 * number from that county's sequence, the record, the station's printing notice and
 * {@link HouseholdRegistered}, in one transaction.
 */
@Component
public class CitizenRegistration implements EncryptedColumns {

    /** Read back and one per person: sealed, and indexed for its uniqueness. */
    static final ProtectedColumn CITIZEN_ID_NUMBER = ProtectedColumn.sealed("household_registration",
            "application_id", "citizen_id_number").andIndexed();

    private static final Logger log = LoggerFactory.getLogger(CitizenRegistration.class);

    /** What a registration needs to know of the birth; also what staff see in a review task. */
    public record Birth(String region, String division, LocalDate birthDate, String sex, String newbornName,
                        String householdNumber) {
    }

    /** How a registration went; anything but {@code REGISTERED} wrote nothing. */
    enum Outcome { REGISTERED, NO_POLICE_STATION, SEQUENCE_EXHAUSTED }

    private final CitizenIdNumbers citizenIds;
    private final PoliceStations stations;
    private final PrintingNotices printingNotices;
    private final JdbcClient jdbc;
    private final ColumnProtection protection;
    private final Outbox outbox;
    private final Clock clock;

    CitizenRegistration(CitizenIdNumbers citizenIds, PoliceStations stations, PrintingNotices printingNotices,
                        JdbcClient jdbc, ColumnProtection protection, Outbox outbox, Clock clock) {
        this.citizenIds = citizenIds;
        this.stations = stations;
        this.printingNotices = printingNotices;
        this.jdbc = jdbc;
        this.protection = protection;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public List<EncryptedColumn> encryptedColumns() {
        return List.of(CITIZEN_ID_NUMBER.encryptedColumn());
    }

    /**
     * Registers the birth at the county's station, unless the county has none or its sequence
     * space for the day is used up.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Outcome register(UUID applicationId, Birth birth) {
        Optional<Station> station = stations.of(birth.division());
        if (station.isEmpty()) {
            return Outcome.NO_POLICE_STATION;
        }
        var number = citizenIds.next(birth.division(), birth.birthDate(), birth.sex());
        if (number.isEmpty()) {
            return Outcome.SEQUENCE_EXHAUSTED;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into household_registration (application_id, citizen_id_number,
                                                            citizen_id_number_index, division, police_station,
                                                            registered_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(applicationId, protection.seal(CITIZEN_ID_NUMBER, number.get()), protection.index(number.get()),
                        birth.division(), station.get().name(), Timestamp.from(now))
                .update();
        printingNotices.leave(new PrintingNotice(applicationId, station.get().code(), number.get(),
                birth.newbornName(), birth.householdNumber(), now));
        log.info("Registered birth for application {} with citizen ID {}", applicationId, Mask.idNumber(number.get()));
        outbox.publish(Topics.HUKOU, new HouseholdRegistered(UUID.randomUUID(), applicationId, now, number.get(),
                birth.division(), station.get().name()));
        return Outcome.REGISTERED;
    }
}
