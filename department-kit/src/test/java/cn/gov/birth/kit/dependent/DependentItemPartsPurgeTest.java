package cn.gov.birth.kit.dependent;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.retention.Purges;
import cn.gov.birth.platform.retention.RetentionConfiguration;
import cn.gov.birth.platform.retention.RetentionSettings;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.test.SampleEvents;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The joins of a dependent item are kept until the item is finished, fired or not, then purged. */
class DependentItemPartsPurgeTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("kit_dependent_parts", "classpath:db/kit");
    private static final Duration PERIOD = Duration.ofDays(30);

    private final RetentionSettings settings = new RetentionSettings(PERIOD, PERIOD, PERIOD, Duration.ofHours(1), 100);
    private final RetentionConfiguration platform = new RetentionConfiguration();
    private final List<Purge.Keep> keeps = List.of(DependentItem.partsUntilFinished());
    private final Purges purges = new Purges(List.of(DependentItem.partsOfFinishedItems(PERIOD),
                    platform.rendezvousPartPurge(settings).keeping(keeps), platform.rendezvousDonePurge(settings)),
            DATABASE.dataSource(), DATABASE.transactions(), new SimpleMeterRegistry(), Clock.systemUTC(), 100,
            settings.purgeInterval());
    private final Rendezvous rendezvous = new Rendezvous(DATABASE.jdbc(), new BirthEventCatalog(), DATABASE.fieldEncryption());

    @Test
    void shouldKeepTheFiredJoinOfAnItemNotFinishedAndPurgeThoseOfFinishedItemsFiredOrNot() {
        UUID returnedAndWaitingForCorrection = join(true);
        UUID registered = join(true);
        finished(registered);
        UUID correctedAfterItFinished = join(false);
        finished(correctedAfterItFinished);

        purges.run();

        assertThat(parts(returnedAndWaitingForCorrection)).isEqualTo(2);
        assertThat(parts(registered)).isZero();
        assertThat(parts(correctedAfterItFinished)).isZero();
    }

    /** Household registration's join of the application and the certificate, 40 days ago, fired or not. */
    private UUID join(boolean fired) {
        UUID id = UUID.randomUUID();
        String key = key(id);
        DATABASE.transactions().executeWithoutResult(status -> {
            Set<String> needed = Set.of("application", "upstream");
            rendezvous.arrive(key, "application", SampleEvents.applicationSubmitted(id, Item.HUKOU), needed);
            if (fired) {
                rendezvous.arrive(key, "upstream", new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                        "Q000000001", false), needed);
            }
        });
        Timestamp longAgo = Timestamp.from(Instant.now().minus(Duration.ofDays(40)));
        DATABASE.jdbc().sql("update rendezvous_part set arrived_at = ? where join_key = ?").params(longAgo, key).update();
        DATABASE.jdbc().sql("update rendezvous_done set done_at = ? where join_key = ?").params(longAgo, key).update();
        return id;
    }

    private static void finished(UUID id) {
        DATABASE.jdbc().sql("insert into item_outcome (application_id, item, outcome) values (?, 'HUKOU', 'HouseholdRegistered')")
                .param(id).update();
    }

    private static long parts(UUID id) {
        return DATABASE.jdbc().sql("select count(*) from rendezvous_part where join_key = ?").param(key(id))
                .query(Long.class).single();
    }

    /** As {@link DependentItem} names its joins. */
    private static String key(UUID id) {
        return Item.HUKOU + ":" + id;
    }
}
