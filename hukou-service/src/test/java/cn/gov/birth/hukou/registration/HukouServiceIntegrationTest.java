package cn.gov.birth.hukou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** hukou-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest
class HukouServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_hukou_service");
    }

    @Autowired
    CitizenIdNumbers citizenIds;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void shouldRegisterAGirlWithAValidEvenCitizenIdNumberOnceTheCertificateIsIssued() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261120");
        assertThat(ResidentIdNumber.isValid(registered.citizenIdNumber())).isTrue();
        assertThat(ResidentIdNumber.sex(registered.citizenIdNumber())).isEqualTo("2");
        assertThat(registered.policeStation()).isEqualTo("贵阳市公安局南明分局花果园派出所");
    }

    @Test
    void shouldRegisterWhenTheCertificateArrivesBeforeTheApplication() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.BIRTH_CERT, issued(id));
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "1",
                OffsetDateTime.parse("2026-11-21T23:30:00+08:00"), Item.HUKOU));

        var registered = probe.awaitEvent(Topics.HUKOU, HouseholdRegistered.class, e -> e.applicationId().equals(id));

        assertThat(registered.citizenIdNumber()).startsWith("52010220261121");
        assertThat(ResidentIdNumber.sex(registered.citizenIdNumber())).isEqualTo("1");
    }

    @Test
    void shouldCancelRegistrationWhenTheBirthCertificateIsRejected() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, new ItemRejected(UUID.randomUUID(), id, Instant.now(), Item.BIRTH_CERT,
                "MOTHER_IDENTITY_MISMATCH", "母亲身份与分娩记录不符"));

        var cancelled = probe.awaitEvent(Topics.HUKOU, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.HUKOU);
        assertThat(cancelled.reasonCode()).isEqualTo("UPSTREAM_NOT_COMPLETED");
    }

    @Test
    void shouldGiveUniqueValidNumbersToConcurrentRegistrationsOfBoysAndGirls() throws Exception {
        LocalDate day = LocalDate.of(2026, 3, 1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String sex = i % 2 == 0 ? "1" : "2";
            Callable<String> allocate = () -> transactions.execute(s -> citizenIds.next("520103", day, sex).orElseThrow());
            numbers.add(pool.submit(allocate));
        }
        List<String> assigned = new ArrayList<>();
        for (Future<String> number : numbers) {
            assigned.add(number.get());
        }
        pool.shutdown();

        assertThat(assigned).doesNotHaveDuplicates().allMatch(ResidentIdNumber::isValid);
        assertThat(assigned.stream().filter(n -> ResidentIdNumber.sex(n).equals("1"))).hasSize(100);
    }

    @Test
    void shouldReturnTheItemForStaffWhenTheDaysSequenceSpaceIsUsedUp() {
        jdbc.sql("insert into citizen_id_sequence (division, birth_date, sex, last) values ('520102', ?, '2', ?)")
                .params(LocalDate.of(2026, 11, 19), CitizenIdNumbers.MAX_SEQUENCE - 1).update();
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, "2",
                OffsetDateTime.parse("2026-11-19T10:00:00+08:00"), Item.HUKOU));
        probe.publish(Topics.BIRTH_CERT, issued(id));

        var returned = probe.awaitEvent(Topics.HUKOU, ItemReturned.class, e -> e.applicationId().equals(id));

        assertThat(returned.reasonCode()).isEqualTo("CITIZEN_ID_SEQUENCE_EXHAUSTED");
        assertThat(probe.events(Topics.HUKOU, HouseholdRegistered.class, id)).isEmpty();
    }

    private static BirthCertificateIssued issued(UUID id) {
        return new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(), "Q000000001", false);
    }
}
