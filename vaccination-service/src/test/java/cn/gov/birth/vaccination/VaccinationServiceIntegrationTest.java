package cn.gov.birth.vaccination;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** vaccination-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest
class VaccinationServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_vaccination_service");
    }

    @Test
    void shouldIssueElectronicVaccinationCertificate() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.VACCINATION));

        var issued = probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class,
                e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).matches("V520000\\d{8}");
    }

    @Test
    void shouldIgnoreApplicationsWithoutVaccinationAndIssueOnceForDuplicates() {
        UUID without = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(without, Item.BIRTH_CERT));
        ApplicationSubmitted application = SampleEvents.applicationSubmitted(twice, Item.VACCINATION);
        probe.publish(Topics.APPLICATION, application);
        probe.publish(Topics.APPLICATION, application);

        awaitQuiet(Topics.APPLICATION);
        probe.awaitEvent(Topics.VACCINATION, VaccinationCertificateIssued.class, e -> e.applicationId().equals(twice));
        assertThat(probe.events(Topics.VACCINATION, VaccinationCertificateIssued.class, twice)).hasSize(1);
        assertThat(probe.events(Topics.VACCINATION, VaccinationCertificateIssued.class, without)).isEmpty();
    }
}
