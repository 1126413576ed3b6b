package cn.gov.birth.hukou.registration;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.codes.ResidentIdNumber;
import cn.gov.birth.contracts.events.ApplicationForm.Person;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.hukou.HukouServiceApplication;
import cn.gov.birth.platform.test.EventProbe;
import cn.gov.birth.platform.test.JsonHttp;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.TestInfrastructure;
import cn.gov.birth.platform.test.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Two hukou-service instances in one consumer group on one database, as ops scale it: citizen ID
 * numbers stay unique and valid when hundreds of births of one county and day are registered at
 * once, and a used-up sequence space sends the rest to an officer, never to a duplicate.
 */
class TwoInstancesIntegrationTest {

    /** The department's application topic (tests send the whole form: a view is a part of it). */
    private static final String APPLICATIONS = Topics.applicationsFor(Department.POLICE);

    private static final String COUNTY = "520103";
    private static final List<ConfigurableApplicationContext> INSTANCES = new ArrayList<>();
    private static EventProbe probe;
    private static JdbcClient jdbc;

    @BeforeAll
    static void startTwoInstances() {
        String url = TestInfrastructure.freshDatabase("it_hukou_two_instances");
        var server = TestInfrastructure.databaseServer();
        for (int i = 0; i < 2; i++) {
            // Command-line arguments, as ops would pass them, override the service's own configuration.
            INSTANCES.add(new SpringApplicationBuilder(HukouServiceApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + server.user(),
                    "--spring.datasource.password=" + server.password(),
                    "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                    "--birth.kafka.partitions=3",
                    "--birth.outbox.poll-interval=PT0.1S",
                    // Local tokens, as the tests make them (Tokens).
                    "--spring.profiles.active=dev",
                    "--birth.security.local-dir=" + Tokens.DIR.toAbsolutePath()));
        }
        jdbc = INSTANCES.getFirst().getBean(JdbcClient.class);
        // Every test registers the sample family, settled in the test's county: the police must know it.
        var admin = new JsonHttp("http://127.0.0.1:"
                + INSTANCES.getFirst().getEnvironment().getProperty("local.server.port")).as(Tokens.admin("POLICE"));
        String reference = "/api/v1/departments/POLICE/reference/";
        var rows = RegisterRows.of(inCounty(SampleEvents.applicationSubmitted(UUID.randomUUID(), Item.HUKOU)));
        assertThat(admin.postAs(reference + "population-register", "text/csv", rows.populationRegister()).status())
                .isEqualTo(200);
        assertThat(admin.postAs(reference + "police-stations", "text/csv", RegisterRows.policeStation(COUNTY))
                .status()).isEqualTo(200);
        probe = new EventProbe(TestInfrastructure.kafkaBootstrapServers(), Topics.HUKOU);
        // Both instances share the work: each holds some of the application topic's partitions.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> INSTANCES.stream()
                .allMatch(instance -> !assignedApplicationPartitions(instance).isEmpty()));
    }

    private static List<Integer> assignedApplicationPartitions(ConfigurableApplicationContext instance) {
        return instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .flatMap(container -> container.getAssignedPartitions() == null ? java.util.stream.Stream.empty()
                        : container.getAssignedPartitions().stream())
                .filter(partition -> partition.topic().equals(APPLICATIONS))
                .map(org.apache.kafka.common.TopicPartition::partition).toList();
    }

    @AfterAll
    static void stopInstances() {
        INSTANCES.forEach(ConfigurableApplicationContext::close);
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void shouldGiveFourHundredConcurrentBirthsOfOneCountyAndDayUniqueValidNumbersAcrossBothInstances() {
        OffsetDateTime born = OffsetDateTime.parse("2026-11-18T09:00:00+08:00");
        Map<UUID, String> sexes = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            UUID id = UUID.randomUUID();
            String sex = i % 2 == 0 ? "1" : "2";
            sexes.put(id, sex);
            probe.publish(APPLICATIONS, inCounty(SampleEvents.applicationSubmitted(id, sex, born, Item.HUKOU)));
            probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                    "Q%09d".formatted(i), false));
        }

        List<HouseholdRegistered> registered = Awaitility.await().atMost(Duration.ofMinutes(3))
                .until(() -> probe.events(Topics.HUKOU, HouseholdRegistered.class).stream()
                        .filter(e -> sexes.containsKey(e.applicationId())).toList(), list -> list.size() >= 400);

        assertThat(registered).hasSize(400);
        assertThat(registered).extracting(HouseholdRegistered::citizenIdNumber).doesNotHaveDuplicates()
                .allMatch(ResidentIdNumber::isValid).allMatch(n -> n.startsWith(COUNTY + "20261118"));
        assertThat(registered).allSatisfy(e -> assertThat(ResidentIdNumber.sex(e.citizenIdNumber()))
                .isEqualTo(sexes.get(e.applicationId())));
        assertThat(jdbc.sql("select count(distinct citizen_id_number_index) from household_registration")
                .query(Long.class).single()).isEqualTo(400);
    }

    @Test
    void shouldSendTheBirthsBeyondTheDaysSequenceSpaceToAnOfficerAcrossBothInstances() {
        jdbc.sql("insert into citizen_id_sequence (division, birth_date, sex, last) values (?, '2026-11-17', '2', ?)")
                .params(COUNTY, CitizenIdNumbers.MAX_SEQUENCE - 5).update();
        OffsetDateTime born = OffsetDateTime.parse("2026-11-17T09:00:00+08:00");
        Set<UUID> ids = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            probe.publish(APPLICATIONS, inCounty(SampleEvents.applicationSubmitted(id, "2", born, Item.HUKOU)));
            probe.publish(Topics.BIRTH_CERT, new BirthCertificateIssued(UUID.randomUUID(), id, Instant.now(),
                    "R%09d".formatted(i), false));
        }

        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> outcomes(ids) == 6);

        List<String> numbers = probe.events(Topics.HUKOU, HouseholdRegistered.class).stream()
                .filter(e -> ids.contains(e.applicationId())).map(HouseholdRegistered::citizenIdNumber).toList();
        assertThat(numbers).hasSize(2).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n.substring(14, 17)).isIn("996", "998"));
        assertThat(probe.events(Topics.HUKOU, ItemAwaitingReview.class).stream()
                .filter(e -> ids.contains(e.applicationId())))
                .hasSize(4).allSatisfy(e -> assertThat(e.reasonCode()).isEqualTo("CITIZEN_ID_SEQUENCE_EXHAUSTED"));
        assertThat(jdbc.sql("select count(*) from review_task where status = 'OPEN'").query(Long.class).single())
                .isEqualTo(4);
    }

    private static long outcomes(Set<UUID> ids) {
        return probe.events(Topics.HUKOU, HouseholdRegistered.class).stream()
                .filter(e -> ids.contains(e.applicationId())).count()
                + probe.events(Topics.HUKOU, ItemAwaitingReview.class).stream()
                .filter(e -> ids.contains(e.applicationId())).count();
    }

    /** The sample application, the parents' household in the test's own county. */
    private static ApplicationSubmitted inCounty(ApplicationSubmitted application) {
        var household = application.household();
        return new ApplicationSubmitted(application.eventId(), application.applicationId(), application.occurredAt(),
                application.reference(), application.region(), application.items(), application.applicant(),
                inCounty(application.mother()), inCounty(application.father()), application.newborn(),
                new cn.gov.birth.contracts.events.ApplicationForm.Household(household.settleWith(), COUNTY,
                        household.headName(), household.headIdNumber(), household.relationToHead(),
                        household.nativePlace()),
                application.insurance(), application.reimbursement(), application.socialSecurityCard(),
                application.delivery());
    }

    private static Person inCounty(Person parent) {
        return new Person(parent.name(), parent.idType(), parent.idNumber(), parent.ethnicity(), parent.nationality(),
                COUNTY, parent.householdAddress(), parent.phone());
    }
}
