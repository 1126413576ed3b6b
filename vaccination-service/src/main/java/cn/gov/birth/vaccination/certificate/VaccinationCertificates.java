package cn.gov.birth.vaccination.certificate;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.platform.outbox.Outbox;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the electronic vaccination certificate ({@code V} + region + eight-digit serial); the
 * paper card is picked up at the hospital.
 */
@Service
public class VaccinationCertificates {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    VaccinationCertificates(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (!application.requests(Item.VACCINATION)) {
            return;
        }
        Instant now = clock.instant();
        UUID id = application.applicationId();
        outbox.publish(Topics.VACCINATION, new ItemStarted(UUID.randomUUID(), id, now, Item.VACCINATION));
        long serial = jdbc.sql("select nextval('vaccination_certificate_serial')").query(Long.class).single();
        String number = "V" + application.region() + "%08d".formatted(serial);
        jdbc.sql("""
                        insert into vaccination_certificate (application_id, certificate_number, region, hospital_code,
                                                             issued_at)
                        values (?, ?, ?, ?, ?)""")
                .params(id, number, application.region(), application.newborn().hospitalCode(), Timestamp.from(now))
                .update();
        outbox.publish(Topics.VACCINATION, new VaccinationCertificateIssued(UUID.randomUUID(), id, now, number));
    }
}
