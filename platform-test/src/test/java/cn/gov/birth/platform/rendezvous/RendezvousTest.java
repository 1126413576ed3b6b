package cn.gov.birth.platform.rendezvous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.events.BirthEventCatalog;
import cn.gov.birth.platform.rendezvous.Rendezvous.Parts;
import cn.gov.birth.platform.test.PlatformDatabase;
import cn.gov.birth.platform.test.SampleEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The application and its birth certificate joined, as household registration joins them. */
class RendezvousTest {

    private static final PlatformDatabase DATABASE = new PlatformDatabase("platform_rendezvous");
    private static final String APPLICATION = "application";
    private static final String CERTIFICATE = "certificate";
    private static final Set<String> NEEDED = Set.of(APPLICATION, CERTIFICATE);

    private final Rendezvous rendezvous = new Rendezvous(DATABASE.jdbc(), new BirthEventCatalog(), DATABASE.fieldEncryption());
    private final UUID id = UUID.randomUUID();
    private final String key = "hukou:" + id;
    private final ApplicationSubmitted application = SampleEvents.applicationSubmitted(id, Item.HUKOU);
    private final BirthCertificateIssued certificate = certificate("Q000000001");

    @Test
    void shouldFireTheJoinWhenTheCertificateArrivesAfterTheApplication() {
        assertThat(arrive(APPLICATION, application)).isEmpty();

        assertThat(arrive(CERTIFICATE, certificate)).hasValueSatisfying(this::hasBoth);
    }

    @Test
    void shouldFireTheJoinWhenTheApplicationArrivesAfterTheCertificate() {
        assertThat(arrive(CERTIFICATE, certificate)).isEmpty();

        assertThat(arrive(APPLICATION, application)).hasValueSatisfying(this::hasBoth);
    }

    @Test
    void shouldKeepThePartsSealedAndJoinThemReadable() {
        arrive(APPLICATION, application);

        String stored = DATABASE.jdbc().sql("select payload from rendezvous_part where join_key = ? and part = ?")
                .params(key, APPLICATION).query(String.class).single();
        assertThat(stored).startsWith("ENC1:").doesNotContain(application.mother().idNumber());
        assertThat(arrive(CERTIFICATE, certificate)).hasValueSatisfying(parts ->
                assertThat(parts.get(APPLICATION, ApplicationSubmitted.class)).isEqualTo(application));
    }

    @Test
    void shouldNotFireAgainWhenAPartArrivesAgain() {
        arrive(APPLICATION, application);
        assertThat(arrive(CERTIFICATE, certificate)).isPresent();

        assertThat(arrive(CERTIFICATE, certificate)).isEmpty();
        assertThat(arrive(APPLICATION, application)).isEmpty();
    }

    @Test
    void shouldFireOnceWithBothPartsWhenTheyArriveAtTheSameTime() throws Exception {
        CountDownLatch applicationRecorded = new CountDownLatch(1);
        CountDownLatch commitApplication = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            // The application's transaction stays open until the certificate's arrival waits on the key.
            Future<Optional<Parts>> first = threads.submit(() -> DATABASE.transactions().execute(status -> {
                Optional<Parts> parts = rendezvous.arrive(key, APPLICATION, application, NEEDED);
                applicationRecorded.countDown();
                awaitLatch(commitApplication);
                return parts;
            }));
            awaitLatch(applicationRecorded);
            Future<Optional<Parts>> second = threads.submit(() -> arrive(CERTIFICATE, certificate));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingForAdvisoryLock() > 0);

            commitApplication.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
            assertThat(second.get(10, TimeUnit.SECONDS)).hasValueSatisfying(this::hasBoth);
        }
    }

    @Test
    void shouldJoinTheReplacementWhenAPartIsReplacedBeforeTheJoinFires() {
        BirthCertificateIssued corrected = certificate("Q000000002");
        arrive(CERTIFICATE, certificate);

        assertThat(replace(CERTIFICATE, corrected)).isEmpty();

        assertThat(arrive(APPLICATION, application)).hasValueSatisfying(parts ->
                assertThat(parts.get(CERTIFICATE, BirthCertificateIssued.class)).isEqualTo(corrected));
    }

    @Test
    void shouldReturnThePartsWithTheReplacementWhenAPartIsReplacedAfterTheJoinFired() {
        BirthCertificateIssued corrected = certificate("Q000000002");
        arrive(APPLICATION, application);
        arrive(CERTIFICATE, certificate);

        assertThat(replace(CERTIFICATE, corrected)).hasValueSatisfying(parts -> {
            assertThat(parts.get(CERTIFICATE, BirthCertificateIssued.class)).isEqualTo(corrected);
            assertThat(parts.get(APPLICATION, ApplicationSubmitted.class)).isEqualTo(application);
        });
        // A replacement is not an arrival: the join does not fire again.
        assertThat(arrive(CERTIFICATE, corrected)).isEmpty();
    }

    private void hasBoth(Parts parts) {
        assertThat(parts.byPart()).containsOnlyKeys(APPLICATION, CERTIFICATE);
        assertThat(parts.get(APPLICATION, ApplicationSubmitted.class)).isEqualTo(application);
        assertThat(parts.get(CERTIFICATE, BirthCertificateIssued.class)).isEqualTo(certificate);
    }

    private Optional<Parts> arrive(String part, Object event) {
        return DATABASE.transactions().execute(status -> rendezvous.arrive(key, part, event, NEEDED));
    }

    private Optional<Parts> replace(String part, Object event) {
        return DATABASE.transactions().execute(status -> rendezvous.replace(key, part, event));
    }

    private BirthCertificateIssued certificate(String number) {
        return new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), number, false);
    }

    private static long waitingForAdvisoryLock() {
        // Only this test's database: other builds may share the PostgreSQL server.
        return DATABASE.jdbc().sql("""
                        select count(*) from pg_locks where locktype = 'advisory' and not granted
                        and database = (select oid from pg_database where datname = current_database())""")
                .query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
