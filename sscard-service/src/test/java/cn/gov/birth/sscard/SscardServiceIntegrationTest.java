package cn.gov.birth.sscard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.platform.test.SampleEvents;
import cn.gov.birth.platform.test.ServiceIntegrationTest;
import cn.gov.birth.platform.test.TestInfrastructure;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** sscard-service against a real PostgreSQL and a real Kafka broker. */
@SpringBootTest
class SscardServiceIntegrationTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "it_sscard_service");
    }

    @Test
    void shouldSendCardMakingDataToTheChosenBankOnceTheNewbornHasAnIdNumber() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.SOCIAL_SECURITY_CARD));
        probe.publish(Topics.HUKOU, registered(id, "520102202611200040"));

        var applied = probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(id));

        assertThat(applied.bankCode()).isEqualTo("ICBC");
        assertThat(applied.cardStatus()).isEqualTo("SENT_TO_BANK");
        assertThat(applied.pickupBranch()).isEqualTo("中国工商银行营业网点");
    }

    @Test
    void shouldNeverApplyForASecondCardForTheSamePerson() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(first, Item.SOCIAL_SECURITY_CARD));
        probe.publish(Topics.HUKOU, registered(first, "520102202611200059"));
        probe.awaitEvent(Topics.SSCARD, SocialSecurityCardApplied.class, e -> e.applicationId().equals(first));
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(second, Item.SOCIAL_SECURITY_CARD));
        probe.publish(Topics.HUKOU, registered(second, "520102202611200059"));

        var returned = probe.awaitEvent(Topics.SSCARD, ItemReturned.class, e -> e.applicationId().equals(second));

        assertThat(returned.reasonCode()).isEqualTo("CARD_ALREADY_ISSUED");
    }

    @Test
    void shouldCancelTheCardWhenTheHouseholdRegistrationWasCancelled() {
        UUID id = UUID.randomUUID();
        probe.publish(Topics.APPLICATION, SampleEvents.applicationSubmitted(id, Item.SOCIAL_SECURITY_CARD));
        probe.publish(Topics.HUKOU, new ItemCancelled(UUID.randomUUID(), id, Instant.now(), Item.HUKOU,
                "UPSTREAM_NOT_COMPLETED", "出生医学证明未办结"));

        var cancelled = probe.awaitEvent(Topics.SSCARD, ItemCancelled.class, e -> e.applicationId().equals(id));

        assertThat(cancelled.item()).isEqualTo(Item.SOCIAL_SECURITY_CARD);
        assertThat(cancelled.reasonCode()).isEqualTo("UPSTREAM_NOT_COMPLETED");
    }

    private static HouseholdRegistered registered(UUID id, String citizenId) {
        return new HouseholdRegistered(UUID.randomUUID(), id, Instant.now(), citizenId, "520102", "花果园派出所");
    }
}
