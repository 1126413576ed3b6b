package cn.gov.birth.birthcert.certificate;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
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
 * Issues the birth medical certificate (首签) with a number of one letter and nine digits, or,
 * where the hospital issued it before the application (Jilin), verifies the number given.
 */
@Service
public class BirthCertificates {

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final BirthCertificateProperties properties;
    private final Clock clock;

    BirthCertificates(JdbcClient jdbc, Outbox outbox, BirthCertificateProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(ApplicationSubmitted application) {
        if (!application.requests(Item.BIRTH_CERT)) {
            return;
        }
        Instant now = clock.instant();
        UUID id = application.applicationId();
        outbox.publish(Topics.BIRTH_CERT, new ItemStarted(UUID.randomUUID(), id, now, Item.BIRTH_CERT));
        String given = application.newborn().birthCertificateNumber();
        boolean verified = given != null;
        String number = verified ? given : nextNumber(application.region());
        int stored = jdbc.sql("""
                        insert into birth_certificate (application_id, certificate_number, verified, region,
                                                       hospital_code, issued_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(id, number, verified, application.region(), application.newborn().hospitalCode(),
                        Timestamp.from(now))
                .update();
        if (stored == 0) {
            // Only a number given by the applicant can collide: the series never repeats.
            outbox.publish(Topics.BIRTH_CERT, new ItemReturned(UUID.randomUUID(), id, now, Item.BIRTH_CERT,
                    "CERTIFICATE_NUMBER_IN_USE", "该出生医学证明编号已被其他申请使用，请核对后补正"));
            return;
        }
        outbox.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, now, number, verified));
    }

    private String nextNumber(String region) {
        long serial = jdbc.sql("select nextval('birth_certificate_serial')").query(Long.class).single();
        return properties.seriesOf(region) + "%09d".formatted(serial);
    }
}
