package cn.gov.birth.birthcert;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** birth-cert-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest
class BirthCertServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_birth_cert_service");
    }

    @Test
    void shouldIssueCertificateNumberOfOneLetterAndNineDigits() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.BIRTH_CERT));

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).matches("Q\\d{9}");
        assertThat(issued.verified()).isFalse();
        assertThat(probe.events(Topics.BIRTH_CERT, ItemStarted.class, id)).hasSize(1);
    }

    @Test
    void shouldVerifyACertificateTheHospitalAlreadyIssued() {
        UUID id = UUID.randomUUID();
        ApplicationSubmitted jilin = withCertificateNumber(SampleEvents.applicationSubmitted(id, Item.BIRTH_CERT),
                "S123456789");
        probe.publish(Topics.APPLICATION, jilin);

        var issued = probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));

        assertThat(issued.certificateNumber()).isEqualTo("S123456789");
        assertThat(issued.verified()).isTrue();
    }

    @Test
    void shouldReturnWhenTheGivenCertificateNumberBelongsToAnotherApplication() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, withCertificateNumber(
                SampleEvents.applicationSubmitted(first, Item.BIRTH_CERT), "S000000777"));
        probe.publish(Topics.APPLICATION, withCertificateNumber(
                SampleEvents.applicationSubmitted(second, Item.BIRTH_CERT), "S000000777"));

        var returned = probe.awaitEvent(Topics.BIRTH_CERT, ItemReturned.class, e -> e.applicationId().equals(second));

        assertThat(returned.reasonCode()).isEqualTo("CERTIFICATE_NUMBER_IN_USE");
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, first)).hasSize(1);
    }

    @Test
    void shouldEnrollParentingGuidanceUntilTheFirstBirthday() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.PARENTING_GUIDANCE));

        var enrolled = probe.awaitEvent(Topics.BIRTH_CERT, ParentingGuidanceEnrolled.class,
                e -> e.applicationId().equals(id));

        assertThat(enrolled.enrolledUntil()).isEqualTo(LocalDate.of(2027, 11, 20));
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).isEmpty();
    }

    @Test
    void shouldIssueOnlyOnceWhenTheApplicationIsDeliveredTwice() {
        UUID id = UUID.randomUUID();
        ApplicationSubmitted application = SampleEvents.applicationSubmitted(id, Item.BIRTH_CERT);
        probe.publish(Topics.APPLICATION, application);
        probe.publish(Topics.APPLICATION, application);

        awaitQuiet(Topics.APPLICATION);
        probe.awaitEvent(Topics.BIRTH_CERT, BirthCertificateIssued.class, e -> e.applicationId().equals(id));
        assertThat(probe.events(Topics.BIRTH_CERT, BirthCertificateIssued.class, id)).hasSize(1);
    }

    private static ApplicationSubmitted withCertificateNumber(ApplicationSubmitted a, String number) {
        var newborn = a.newborn();
        return new ApplicationSubmitted(a.eventId(), a.applicationId(), a.occurredAt(), a.reference(), "220000",
                a.items(), a.applicant(), a.mother(), a.father(),
                new cn.gov.birth.contracts.events.ApplicationForm.Newborn(newborn.surname(), newborn.givenName(),
                        newborn.sex(), newborn.birthTime(), newborn.ethnicity(), newborn.birthDivision(),
                        newborn.hospitalCode(), number),
                a.household(), a.insurance(), a.reimbursement(), a.socialSecurityCard(), a.delivery());
    }
}
