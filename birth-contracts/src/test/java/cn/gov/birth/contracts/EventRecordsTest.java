package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.events.ApplicationForm;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.contracts.events.ApplicationStatusChanged.ItemState;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.BirthCertificateIssued;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.HouseholdRegistered;
import cn.gov.birth.contracts.events.ItemCancelled;
import cn.gov.birth.contracts.events.ItemCompleted;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.contracts.events.ItemRejected;
import cn.gov.birth.contracts.events.ItemAwaitingReview;
import cn.gov.birth.contracts.events.PaymentRequested;
import cn.gov.birth.contracts.events.ItemReturned;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.contracts.events.MaternityReimbursementSettled;
import cn.gov.birth.contracts.events.MedicalInsuranceEnrolled;
import cn.gov.birth.contracts.events.ParentingGuidanceEnrolled;
import cn.gov.birth.contracts.events.SocialSecurityCardApplied;
import cn.gov.birth.contracts.events.VaccinationCertificateIssued;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventRecordsTest {

    // ---------------------------------------------------------------- immutability

    @Test
    void shouldNotChangeTheSubmittedItemsWhenTheSourceListChanges() {
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
    void shouldNotChangeTheItemStatesWhenTheSourceListChanges() {
        var template = EventSamples.statusChanged();
        List<ItemState> items = new ArrayList<>(List.of(new ItemState(Item.HUKOU, ItemStatus.WAITING, null)));
        var event = new ApplicationStatusChanged(template.eventId(), template.applicationId(), template.occurredAt(),
                template.reference(), template.region(), template.version(), template.status(),
                template.previousStatus(), template.changedItem(), template.detail(), items, template.applicantPhone(),
                template.audience());

        items.set(0, new ItemState(Item.HUKOU, ItemStatus.COMPLETED, null));

        assertThat(event.items()).containsExactly(new ItemState(Item.HUKOU, ItemStatus.WAITING, null));
    }

    @Test
    void shouldNotChangeTheInsuredYearsWhenTheSourceListChanges() {
        List<Integer> years = new ArrayList<>(List.of(2026));
        var event = new MedicalInsuranceEnrolled(UUID.randomUUID(), EventSamples.APPLICATION_ID, EventSamples.AT,
                years, new BigDecimal("400.00"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 31));

        years.add(2027);

        assertThat(event.insuredYears()).containsExactly(2026);
        assertThat(event.result()).containsEntry("insuredYears", List.of(2026));
    }

    @Test
    void shouldNotChangeTheInsuranceYearsOfTheFormWhenTheSourceListChanges() {
        List<String> years = new ArrayList<>(List.of("CURRENT"));
        var insurance = new ApplicationForm.Insurance("520102", years);

        years.add("NEXT");

        assertThat(insurance.years()).containsExactly("CURRENT");
    }

    @Test
    void shouldKeepAnInsuranceSectionWithoutYears() {
        assertThat(new ApplicationForm.Insurance("520102", null).years()).isNull();
    }

    @Test
    void shouldRefuseToModifyTheListsOfAnEvent() {
        var submitted = EventSamples.submitted();
        var changed = EventSamples.statusChanged();
        var enrolled = (MedicalInsuranceEnrolled) EventSamples.all().get(MedicalInsuranceEnrolled.class);

        assertThatThrownBy(() -> submitted.items().add(Item.HUKOU)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> submitted.insurance().years().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> changed.items().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> enrolled.insuredYears().add(2030)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldBeFinalRecordsOfImmutableComponents() {
        EventTypes.all().values().forEach(eventClass -> {
            assertThat(eventClass.isRecord()).as(eventClass.getName()).isTrue();
            assertThat(Modifier.isFinal(eventClass.getModifiers())).as(eventClass.getName()).isTrue();
        });
    }

    // ---------------------------------------------------------------- JSON

    @Test
    void shouldRoundTripEveryEventThroughJson() {
        EventSamples.all().values().forEach(sample -> {
            String json = EventJson.MAPPER.writeValueAsString(sample);

            assertThat(EventJson.MAPPER.readValue(json, sample.getClass())).as(json).isEqualTo(sample);
        });
    }

    @Test
    void shouldRoundTripEventsWithTheOptionalPartsLeftOut() {
        EventSamples.variants().forEach(sample -> {
            String json = EventJson.MAPPER.writeValueAsString(sample);

            assertThat(EventJson.MAPPER.readValue(json, sample.getClass())).as(json).isEqualTo(sample);
        });
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerProducer() {
        EventSamples.all().values().forEach(sample -> {
            ObjectNode body = (ObjectNode) EventJson.MAPPER.valueToTree(sample);
            body.put("addedLater", 42);
            body.putObject("addedObject").put("nested", "x");

            assertThat(EventJson.MAPPER.treeToValue(body, sample.getClass())).as(sample.getClass().getSimpleName())
                    .isEqualTo(sample);
        });
    }

    @Test
    void shouldIgnoreFieldsAddedInsideNestedParts() {
        var sample = EventSamples.submitted();
        ObjectNode body = (ObjectNode) EventJson.MAPPER.valueToTree(sample);
        ((ObjectNode) body.get("newborn")).put("weightGrams", 3250);
        ((ObjectNode) body.get("delivery").get("recipient")).put("postcode", "550002");

        assertThat(EventJson.MAPPER.treeToValue(body, ApplicationSubmitted.class)).isEqualTo(sample);
    }

    @Test
    void shouldIgnoreUnknownFieldsWithOnlyThatSettingToo() {
        String json = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"applicationId\":\"" + EventSamples.APPLICATION_ID
                + "\",\"occurredAt\":\"2026-11-20T00:30:00Z\",\"item\":\"HUKOU\",\"addedLater\":42}";

        ItemStarted started = EventJson.MINIMAL.readValue(json, ItemStarted.class);

        assertThat(started.item()).isEqualTo(Item.HUKOU);
        assertThat(started.applicationId()).isEqualTo(EventSamples.APPLICATION_ID);
    }

    @Test
    void shouldWriteExactlyTheRecordComponentsAndNoDerivedValues() {
        EventSamples.all().values().forEach(sample -> {
            JsonNode body = EventJson.MAPPER.valueToTree(sample);
            Set<String> components = Arrays.stream(sample.getClass().getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet());

            assertThat(body.propertyNames()).as(sample.getClass().getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(components);
        });
    }

    @Test
    void shouldWriteTimesDatesAmountsIdsAndEnumsAsTheContractSays() {
        var submitted = EventSamples.submitted();
        var enrolled = EventSamples.all().get(MedicalInsuranceEnrolled.class);
        JsonNode submittedBody = EventJson.MAPPER.valueToTree(submitted);
        JsonNode enrolledBody = EventJson.MAPPER.valueToTree(enrolled);

        assertThat(submittedBody.get("occurredAt").asString()).isEqualTo("2026-11-20T00:30:00Z");
        assertThat(submittedBody.get("applicationId").asString()).isEqualTo("6f1c2f7e-3d1a-4a8e-9b2c-1f0e5d4c3b2a");
        assertThat(submittedBody.get("newborn").get("birthTime").asString()).isEqualTo("2026-11-20T08:30:00+08:00");
        assertThat(submittedBody.get("items").get(0).asString()).isEqualTo("BIRTH_CERT");
        assertThat(submittedBody.get("reimbursement").isObject()).isTrue();
        assertThat(enrolledBody.get("coverageStart").asString()).isEqualTo("2026-11-20");
        assertThat(enrolledBody.get("contributionDue").isNumber()).isTrue();
        assertThat(enrolledBody.get("contributionDue").decimalValue()).isEqualTo(new BigDecimal("800.00"));
        assertThat(enrolledBody.get("insuredYears").get(0).isInt()).isTrue();
    }

    @Test
    void shouldWriteAbsentOptionalPartsAsNull() {
        JsonNode body = EventJson.MAPPER.valueToTree(EventSamples.minimalSubmitted());

        assertThat(body.get("father").isNull()).isTrue();
        assertThat(body.get("household").isNull()).isTrue();
        assertThat(body.get("newborn").get("surname").isNull()).isTrue();
    }

    @Test
    void shouldKeepTheOffsetOfTheBirthTimeOnlyWhenDatesAreNotAdjustedToUtc() {
        var sample = EventSamples.submitted();
        String json = EventJson.MAPPER.writeValueAsString(sample);

        OffsetDateTime kept = EventJson.MAPPER.readValue(json, ApplicationSubmitted.class).newborn().birthTime();
        OffsetDateTime adjusted = EventJson.MINIMAL.readValue(json, ApplicationSubmitted.class).newborn().birthTime();

        assertThat(kept).isEqualTo(EventSamples.BIRTH_TIME);
        assertThat(adjusted).isEqualTo(OffsetDateTime.parse("2026-11-20T00:30:00Z"));
        assertThat(adjusted.toInstant()).isEqualTo(EventSamples.BIRTH_TIME.toInstant());
    }

    @Test
    void shouldKeepTheScaleOfAmounts() {
        var settled = new MaternityReimbursementSettled(UUID.randomUUID(), EventSamples.APPLICATION_ID, EventSamples.AT,
                "DIRECT", new BigDecimal("3000.00"), null, null);

        var read = EventJson.MAPPER.readValue(EventJson.MAPPER.writeValueAsString(settled),
                MaternityReimbursementSettled.class);

        assertThat(read.amount()).isEqualTo(new BigDecimal("3000.00")).hasScaleOf(2);
    }

    // ---------------------------------------------------------------- types and item facts

    @Test
    void shouldMapEveryEventTypeBothWays() {
        assertThat(EventTypes.all()).hasSize(21);
        EventTypes.all().forEach((type, eventClass) -> {
            assertThat(EventTypes.typeOf(eventClass)).isEqualTo(type);
            assertThat(EventTypes.classOf(type)).contains(eventClass);
            assertThat(type).matches("cn\\.gov\\.birth\\." + eventClass.getSimpleName() + "\\.v\\d+");
        });
    }

    @Test
    void shouldKnowNoUnregisteredType() {
        assertThat(EventTypes.classOf("cn.gov.birth.Unknown.v1")).isEmpty();
        assertThat(EventTypes.classOf("cn.gov.birth.ItemStarted.v2")).isEmpty();
        assertThatThrownBy(() -> EventTypes.typeOf(BirthEvent.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStillReadTheWholeFormTypesOfBeforeTheDepartmentsViews() {
        assertThat(EventTypes.classOf("cn.gov.birth.ApplicationSubmitted.v1")).contains(ApplicationSubmitted.class);
        assertThat(EventTypes.classOf("cn.gov.birth.ApplicationSupplemented.v1")).contains(ApplicationSupplemented.class);
        assertThat(EventTypes.typeOf(ApplicationSubmitted.class)).isEqualTo("cn.gov.birth.ApplicationSubmitted.v2");
        assertThat(EventTypes.all()).doesNotContainKey("cn.gov.birth.ApplicationSubmitted.v1");
    }

    @Test
    void shouldNotLetCallersChangeTheRegistry() {
        Map<String, Class<? extends BirthEvent>> all = EventTypes.all();

        assertThatThrownBy(() -> all.put("cn.gov.birth.Forged.v1", ItemStarted.class))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldFinishAnItemOnlyWhenCompletedRejectedOrCancelled() {
        Map<Class<? extends BirthEvent>, BirthEvent> samples = EventSamples.all();

        assertThat(((ItemFact) samples.get(ItemStarted.class)).finishes()).isFalse();
        assertThat(((ItemFact) samples.get(ItemReturned.class)).finishes()).isFalse();
        assertThat(((ItemFact) samples.get(ItemAwaitingReview.class)).finishes()).isFalse();
        assertThat(((ItemFact) samples.get(PaymentRequested.class)).finishes()).isFalse();
        assertThat(((ItemFact) samples.get(ItemRejected.class)).finishes()).isTrue();
        assertThat(((ItemFact) samples.get(ItemCancelled.class)).finishes()).isTrue();
        samples.values().stream().filter(ItemCompleted.class::isInstance)
                .forEach(completed -> assertThat(((ItemFact) completed).finishes()).isTrue());
    }

    @Test
    void shouldNameTheItemEachCompletionCompletes() {
        Map<Class<? extends BirthEvent>, BirthEvent> samples = EventSamples.all();

        assertThat(item(samples, BirthCertificateIssued.class)).isEqualTo(Item.BIRTH_CERT);
        assertThat(item(samples, ParentingGuidanceEnrolled.class)).isEqualTo(Item.PARENTING_GUIDANCE);
        assertThat(item(samples, VaccinationCertificateIssued.class)).isEqualTo(Item.VACCINATION);
        assertThat(item(samples, HouseholdRegistered.class)).isEqualTo(Item.HUKOU);
        assertThat(item(samples, MedicalInsuranceEnrolled.class)).isEqualTo(Item.MEDICAL_INSURANCE);
        assertThat(item(samples, MaternityReimbursementSettled.class)).isEqualTo(Item.MATERNITY_REIMBURSEMENT);
        assertThat(item(samples, SocialSecurityCardApplied.class)).isEqualTo(Item.SOCIAL_SECURITY_CARD);
        assertThat(samples.values().stream().filter(ItemCompleted.class::isInstance)).hasSize(Item.values().length);
    }

    @Test
    void shouldShowTheResultOfACompletionAsThePublicApiDoes() {
        var guidance = (ItemCompleted) EventSamples.all().get(ParentingGuidanceEnrolled.class);
        var card = new SocialSecurityCardApplied(UUID.randomUUID(), EventSamples.APPLICATION_ID, EventSamples.AT, "CCB",
                "MADE", null);

        assertThat(guidance.result()).containsExactly(Map.entry("enrolledUntil", "2027-11-20"));
        assertThat(card.result()).containsEntry("bankCode", "CCB").containsEntry("pickupBranch", null);
    }

    private static Item item(Map<Class<? extends BirthEvent>, BirthEvent> samples, Class<? extends BirthEvent> type) {
        return ((ItemCompleted) samples.get(type)).item();
    }
}
