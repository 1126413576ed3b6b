package cn.gov.birth.insurance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** insurance-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest
class InsuranceServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_insurance_service");
    }

    @Test
    void shouldEnrollTheNewbornOnceTheHouseholdRegistrationGaveItAnIdNumber() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.MEDICAL_INSURANCE));
        probe.publish(Topics.HUKOU, registered(id, "520102202611200024"));

        var enrolled = probe.awaitEvent(Topics.INSURANCE, MedicalInsuranceEnrolled.class,
                e -> e.applicationId().equals(id));

        assertThat(enrolled.insuredYears()).containsExactly(2026);
        assertThat(enrolled.contributionDue()).isEqualByComparingTo("400.00");
        assertThat(enrolled.coverageEnd()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void shouldSettleMaternityExpensesDirectlyWithoutWaitingForTheHousehold() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.MATERNITY_REIMBURSEMENT));

        var settled = probe.awaitEvent(Topics.INSURANCE, MaternityReimbursementSettled.class,
                e -> e.applicationId().equals(id));

        assertThat(settled.settlement()).isEqualTo("DIRECT");
        assertThat(settled.amount()).isEqualByComparingTo("3000.00");
    }

    @Test
    void shouldCancelEnrollmentWhenTheHouseholdRegistrationIsRejected() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.HUKOU, new ItemRejected(UUID.randomUUID(), id, Instant.now(), Item.HUKOU,
                "PARENT_NOT_IN_REGISTER", "父母户籍信息未找到"));
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.MEDICAL_INSURANCE));

        var cancelled = probe.awaitEvent(Topics.INSURANCE, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.MEDICAL_INSURANCE);
        assertThat(probe.events(Topics.INSURANCE, MedicalInsuranceEnrolled.class, id)).isEmpty();
    }

    private static HouseholdRegistered registered(UUID id, String citizenId) {
        return new HouseholdRegistered(UUID.randomUUID(), id, Instant.now(), citizenId, "520102", "花果园派出所");
    }
}
