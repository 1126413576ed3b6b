package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ItemStarted;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

class EventRecordsTest {

    /** The settings of the platform's EventCodec. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    @Test
    void shouldRoundTripEveryEventThroughJson() {
        for (var sample : EventSamples.all().values()) {
            String json = MAPPER.writeValueAsString(sample);

            assertThat(MAPPER.readValue(json, sample.getClass())).isEqualTo(sample);
        }
    }

    @Test
    void shouldNotChangeWhenTheListItWasBuiltFromChanges() {
        var template = EventSamples.submitted();
        List<Item> items = new ArrayList<>(List.of(Item.BIRTH_CERT));
        var event = new ApplicationSubmitted(template.eventId(), template.applicationId(), template.occurredAt(),
                template.reference(), template.region(), items, template.applicant(), template.mother(),
                template.father(), template.newborn(), template.household(), template.insurance(),
                template.reimbursement(), template.socialSecurityCard(), template.delivery());

        items.add(Item.HUKOU);

        assertThat(event.items()).containsExactly(Item.BIRTH_CERT);
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"applicationId\":\"" + UUID.randomUUID()
                + "\",\"occurredAt\":\"2026-11-20T01:00:00Z\",\"item\":\"HUKOU\",\"addedLater\":42}";

        assertThat(MAPPER.readValue(json, ItemStarted.class).item()).isEqualTo(Item.HUKOU);
    }

    @Test
    void shouldNotSerializeDerivedMethodsAsFields() {
        String json = MAPPER.writeValueAsString(EventSamples.all().get(
                cn.gov.birth.contracts.events.BirthCertificateIssued.class));

        assertThat(json).doesNotContain("\"result\"").doesNotContain("\"item\"").doesNotContain("\"finishes\"");
    }

    @Test
    void shouldMapEveryEventTypeBothWays() {
        EventTypes.all().forEach((type, eventClass) -> {
            assertThat(EventTypes.typeOf(eventClass)).isEqualTo(type);
            assertThat(type).matches("cn\\.gov\\.birth\\.[A-Za-z]+\\.v1");
        });
    }
}
