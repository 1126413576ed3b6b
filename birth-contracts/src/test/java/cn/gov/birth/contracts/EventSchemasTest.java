package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.contracts.events.DepartmentViews;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the JSON Schemas and the AsyncAPI document, which non-Java systems read, in step with the
 * event records. The schema validator works on Jackson 2 trees: bodies are written with the
 * platform's Jackson 3 settings and parsed again with Jackson 2.
 */
class EventSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    /** Formats (uuid, date-time, date) are only annotations in 2020-12 unless asserted: assert them. */
    private static final SchemaValidatorsConfig ASSERT_FORMATS = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    /** Which events each topic carries: the producers' code, written down once more. */
    private static final Map<String, Set<String>> EVENTS_BY_TOPIC = new HashMap<>(Map.of(
            Topics.APPLICATION_STATUS, Set.of("ApplicationStatusChanged", "FamilyAnswered"),
            Topics.BIRTH_CERT, itemFactsAnd("BirthCertificateIssued", "ParentingGuidanceEnrolled"),
            Topics.VACCINATION, itemFactsAnd("VaccinationCertificateIssued"),
            Topics.HUKOU, itemFactsAnd("HouseholdRegistered"),
            Topics.INSURANCE, itemFactsAnd("MedicalInsuranceEnrolled", "MaternityReimbursementSettled", "PaymentRequested"),
            Topics.SSCARD, itemFactsAnd("SocialSecurityCardApplied"),
            Topics.FOLLOW_UP_ANSWERS, Set.of("FollowUpAnswered")));

    /** Who publishes on each topic: one service, but for the departments' answers to families. */
    private static final Map<String, Set<String>> SERVICES_BY_TOPIC = new HashMap<>(Map.of(
            Topics.APPLICATION_STATUS, Set.of("application-service"),
            Topics.BIRTH_CERT, Set.of("birth-cert-service"),
            Topics.VACCINATION, Set.of("vaccination-service"),
            Topics.HUKOU, Set.of("hukou-service"),
            Topics.INSURANCE, Set.of("insurance-service"),
            Topics.SSCARD, Set.of("sscard-service"),
            Topics.FOLLOW_UP_ANSWERS, Set.of("birth-cert-service", "vaccination-service", "hukou-service",
                    "insurance-service", "sscard-service")));

    static {
        Topics.APPLICATIONS.forEach(topic -> {
            EVENTS_BY_TOPIC.put(topic, Set.of("ApplicationSubmitted", "ApplicationSupplemented", "ApplicationWithdrawn",
                    "FollowUpOpened", "ItemWentOverdue"));
            SERVICES_BY_TOPIC.put(topic, Set.of("application-service"));
        });
    }

    // ---------------------------------------------------------------- the schema files

    @Test
    void shouldHaveAJsonSchemaFileForEveryEventType() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);

            assertThat(schema.path("$schema").asText()).as(type).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asText()).as(type).endsWith("/schemas/" + type + ".json");
            assertThat(schema.path("title").asText()).as(type).isEqualTo(eventClass.getSimpleName());
            assertThat(schema.path("description").asText()).as(type).hasSizeGreaterThan(40);
            assertThat(schema.path("type").asText()).as(type).isEqualTo("object");
            assertThat(schema.path("additionalProperties").asBoolean(false)).as(type).isTrue();
        });
    }

    @Test
    void shouldHaveNoSchemaFileWithoutARegisteredEventType() throws IOException, URISyntaxException {
        Path folder = Path.of(EventSchemasTest.class.getResource("/schemas").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            Set<String> types = files.map(f -> f.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toSet());

            assertThat(types).isEqualTo(EventTypes.all().keySet());
        }
    }

    @Test
    void shouldMatchSchemaPropertiesToRecordComponents() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);

            assertThat(names(schema.get("properties"))).as(type).isEqualTo(components(eventClass));
        });
    }

    @Test
    void shouldDescribeNestedRecordsWithExactlyTheirComponents() {
        EventTypes.all().forEach((type, eventClass) -> forEachNestedRecord(eventClass, schema(type), type,
                (path, pair) -> assertThat(names(pair.schema().get("properties"))).as(path)
                        .isEqualTo(components(pair.record()))));
    }

    @Test
    void shouldRequireOnlyRecordComponentsAndAlwaysTheEventIdentity() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);
            Set<String> required = texts(schema.get("required"));

            assertThat(required).as(type).contains("eventId", "applicationId", "occurredAt");
            assertThat(components(eventClass)).as(type).containsAll(required);
            forEachNestedRecord(eventClass, schema, type, (path, pair) ->
                    assertThat(components(pair.record())).as(path).containsAll(texts(pair.schema().get("required"))));
        });
    }

    @Test
    void shouldGiveEveryPropertyADescription() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);
            schema.get("properties").properties().forEach(p ->
                    assertThat(p.getValue().path("description").asText()).as(type + "." + p.getKey()).isNotBlank());
            forEachNestedRecord(eventClass, schema, type, (path, pair) -> pair.schema().get("properties").properties()
                    .forEach(p -> assertThat(p.getValue().path("description").asText()).as(path + "." + p.getKey())
                            .isNotBlank()));
        });
    }

    @Test
    void shouldDeclareTheJsonTypeAndFormatOfEveryJavaType() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);
            checkTypes(eventClass, schema, type);
            forEachNestedRecord(eventClass, schema, type, (path, pair) -> checkTypes(pair.record(), pair.schema(), path));
        });
    }

    @Test
    void shouldListExactlyTheEnumConstantsForEnumComponents() {
        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode schema = schema(type);
            checkEnums(eventClass, schema, type);
            forEachNestedRecord(eventClass, schema, type, (path, pair) -> checkEnums(pair.record(), pair.schema(), path));
        });
    }

    // ---------------------------------------------------------------- bodies against schemas

    @Test
    void shouldValidateASerializedSampleOfEveryEventAgainstItsSchema() {
        Map<Class<? extends BirthEvent>, BirthEvent> samples = EventSamples.all();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all().values());

        assertThat(errors(samples.values(), EventJson.MAPPER)).isEmpty();
    }

    @Test
    void shouldValidateSamplesWithTheOptionalPartsLeftOut() {
        assertThat(errors(EventSamples.variants(), EventJson.MAPPER)).isEmpty();
    }

    @Test
    void shouldValidateEveryDepartmentsViewOfAnApplication() {
        List<BirthEvent> views = Stream.concat(EventSamples.all().values().stream(), EventSamples.variants().stream())
                .filter(sample -> sample instanceof ApplicationSubmitted || sample instanceof ApplicationSupplemented
                        || sample instanceof ApplicationWithdrawn)
                .flatMap(sample -> DepartmentViews.of(sample).stream().map(DepartmentViews.Addressed::event))
                .toList();

        assertThat(views).isNotEmpty();
        assertThat(errors(views, EventJson.MAPPER)).isEmpty();
    }

    @Test
    void shouldValidateBodiesWrittenWithOnlyUnknownFieldsIgnored() {
        assertThat(errors(EventSamples.all().values(), EventJson.MINIMAL)).isEmpty();
    }

    @Test
    void shouldAcceptFieldsAddedByANewerProducer() {
        var sample = EventSamples.submitted();
        ObjectNode body = body(sample);
        body.put("channel", "WINDOW");
        ((ObjectNode) body.get("newborn")).put("weightGrams", 3250);

        assertThat(validate(sample, body)).isEmpty();
    }

    @Test
    void shouldRejectABodyMissingARequiredField() {
        EventSamples.all().values().forEach(sample -> {
            for (String field : texts(schema(EventTypes.typeOf(sample.getClass())).get("required"))) {
                ObjectNode body = body(sample);
                body.remove(field);

                assertThat(validate(sample, body)).as(sample.getClass().getSimpleName() + " without " + field)
                        .isNotEmpty();
            }
        });
    }

    @Test
    void shouldRejectMalformedIdsTimesAndDates() {
        var issued = EventSamples.all().get(cn.gov.birth.contracts.events.ParentingGuidanceEnrolled.class);

        assertThat(validate(issued, with(body(issued), "eventId", "not-a-uuid"))).isNotEmpty();
        assertThat(validate(issued, with(body(issued), "occurredAt", "2026-11-20 00:30"))).isNotEmpty();
        assertThat(validate(issued, with(body(issued), "occurredAt", 1_795_480_200))).isNotEmpty();
        assertThat(validate(issued, with(body(issued), "enrolledUntil", "2027-13-01"))).isNotEmpty();
    }

    @Test
    void shouldRejectEnumValuesThatAreNotConstants() {
        var started = EventSamples.all().get(cn.gov.birth.contracts.events.ItemStarted.class);
        var changed = EventSamples.statusChanged();
        ObjectNode changedBody = body(changed);
        ((ObjectNode) changedBody.get("items").get(0)).put("status", "DONE");

        assertThat(validate(started, with(body(started), "item", "PASSPORT"))).isNotEmpty();
        assertThat(validate(changed, with(body(changed), "status", "accepted"))).isNotEmpty();
        assertThat(validate(changed, changedBody)).isNotEmpty();
    }

    @Test
    void shouldRejectAResidentIdNumberOfTheWrongShape() {
        var submitted = EventSamples.submitted();
        ObjectNode body = body(submitted);
        ((ObjectNode) body.get("mother")).put("idNumber", "52010219940312");
        var registered = EventSamples.all().get(cn.gov.birth.contracts.events.HouseholdRegistered.class);

        assertThat(validate(submitted, body)).isNotEmpty();
        assertThat(validate(registered, with(body(registered), "citizenIdNumber", "52010220261120002x"))).isNotEmpty();
    }

    // ---------------------------------------------------------------- the AsyncAPI document

    @Test
    void shouldBeAnAsyncApi3DocumentWithAChannelForEveryTopic() {
        JsonNode doc = asyncApi();

        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(channelsByAddress(doc).keySet()).containsAll(Topics.ALL);
    }

    @Test
    void shouldDeclareTheDeadLetterTopicOfEveryTopic() {
        Map<String, JsonNode> channels = channelsByAddress(asyncApi());

        for (String topic : Topics.ALL) {
            assertThat(channels).as(topic).containsKey(Topics.deadLetter(topic));
            assertThat(channels.get(topic).path("description").asText()).as(topic).contains(topic + ".dlt");
        }
        assertThat(channels).hasSize(2 * Topics.ALL.size());
    }

    @Test
    void shouldCarryEachEventOnTheTopicOfTheServiceThatPublishesIt() {
        JsonNode doc = asyncApi();
        Map<String, JsonNode> channels = channelsByAddress(doc);

        assertThat(EVENTS_BY_TOPIC.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        EVENTS_BY_TOPIC.forEach((topic, events) -> {
            Set<String> carried = new HashSet<>();
            channels.get(topic).get("messages").forEach(m -> carried.add(message(doc, m).path("title").asText()));

            assertThat(carried).as(topic).isEqualTo(events);
        });
    }

    @Test
    void shouldReferenceEverySchemaFileAsAMessagePayload() {
        JsonNode messages = asyncApi().path("components").path("messages");
        Map<String, String> payloadByName = new HashMap<>();
        messages.properties().forEach(m -> payloadByName.put(m.getValue().path("name").asText(),
                m.getValue().path("payload").path("$ref").asText()));

        EventTypes.all().keySet().forEach(type ->
                assertThat(payloadByName).as(type).containsEntry(type, "schemas/" + type + ".json"));
        payloadByName.values().stream().filter(ref -> !ref.isEmpty()).forEach(ref ->
                assertThat(EventSchemasTest.class.getResource("/" + ref)).as(ref).isNotNull());
    }

    @Test
    void shouldNameTheServiceThatSendsOnEachChannel() {
        JsonNode doc = asyncApi();
        Map<String, String> addressById = new HashMap<>();
        doc.get("channels").properties().forEach(c -> addressById.put(c.getKey(), c.getValue().path("address").asText()));
        Map<String, List<String>> sendersByTopic = new HashMap<>();
        doc.get("operations").properties().forEach(o -> {
            JsonNode operation = o.getValue();
            assertThat(operation.path("action").asText()).as(o.getKey()).isEqualTo("send");
            String address = addressById.get(localRef(operation.path("channel").path("$ref").asText(), "#/channels/"));
            assertThat(address).as(o.getKey()).isNotNull();
            sendersByTopic.computeIfAbsent(address, a -> new ArrayList<>())
                    .add(operation.path("title").asText() + " " + operation.path("summary").asText());
        });

        SERVICES_BY_TOPIC.forEach((topic, services) -> services.forEach(service ->
                assertThat(sendersByTopic.get(topic)).as(topic).anyMatch(s -> s.startsWith(service + " publishes"))));
        Topics.ALL.forEach(topic -> assertThat(sendersByTopic).containsKey(Topics.deadLetter(topic)));
    }

    @Test
    void shouldDocumentTheCloudEventsHeadersAndTheApplicationIdKey() {
        JsonNode doc = asyncApi();
        JsonNode headers = doc.at("/components/schemas/CloudEventHeaders");
        JsonNode trait = doc.at("/components/messageTraits/cloudEvent");

        assertThat(texts(headers.get("required"))).containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_source",
                "ce_type", "ce_subject", "ce_time", "content-type", "traceparent");
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
        assertThat(headers.at("/properties/ce_id/format").asText()).isEqualTo("uuid");
        assertThat(headers.at("/properties/ce_subject/format").asText()).isEqualTo("uuid");
        assertThat(headers.at("/properties/ce_time/format").asText()).isEqualTo("date-time");
        assertThat(headers.at("/properties/content-type/const").asText()).isEqualTo("application/json");
        assertThat("/birth/hukou-service").matches(headers.at("/properties/ce_source/pattern").asText());
        assertThat(trait.at("/bindings/kafka/key/format").asText()).isEqualTo("uuid");
        assertThat(trait.at("/correlationId/$ref").asText()).isEqualTo("#/components/correlationIds/applicationId");
        assertThat(doc.at("/components/correlationIds/applicationId/location").asText())
                .isEqualTo("$message.header#/ce_subject");
    }

    @Test
    void shouldPinTheCeTypeAndSourcesOfEveryEventMessage() {
        JsonNode doc = asyncApi();

        EventTypes.all().forEach((type, eventClass) -> {
            JsonNode message = doc.at("/components/messages/" + eventClass.getSimpleName());
            JsonNode pinned = message.at("/headers/allOf/1/properties");
            Set<String> expectedSources = new HashSet<>();
            EVENTS_BY_TOPIC.forEach((topic, events) -> {
                if (events.contains(eventClass.getSimpleName())) {
                    SERVICES_BY_TOPIC.get(topic).forEach(service -> expectedSources.add("/birth/" + service));
                }
            });

            assertThat(message.path("name").asText()).as(type).isEqualTo(type);
            assertThat(message.at("/headers/allOf/0/$ref").asText()).as(type)
                    .isEqualTo("#/components/schemas/CloudEventHeaders");
            assertThat(pinned.at("/ce_type/const").asText()).as(type).isEqualTo(type);
            assertThat(texts(pinned.at("/ce_source/enum"))).as(type).isEqualTo(expectedSources);
            assertThat(texts(message.get("traits"), "$ref")).as(type).contains("#/components/messageTraits/cloudEvent");
        });
    }

    // ---------------------------------------------------------------- helpers

    private static Set<String> itemFactsAnd(String... completions) {
        Set<String> events = new LinkedHashSet<>(List.of("ItemStarted", "ItemReturned", "ItemAwaitingReview", "ItemRejected",
                "ItemCancelled"));
        events.addAll(List.of(completions));
        return events;
    }

    private static JsonNode schema(String type) {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/schemas/" + type + ".json")) {
            assertThat(in).as("schema file for " + type).isNotNull();
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode asyncApi() {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml").isNotNull();
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonNode> channelsByAddress(JsonNode doc) {
        Map<String, JsonNode> channels = new HashMap<>();
        doc.get("channels").forEach(c -> channels.put(c.path("address").asText(), c));
        return channels;
    }

    /** Follows a channel's message reference to the message in components. */
    private static JsonNode message(JsonNode doc, JsonNode reference) {
        String ref = reference.path("$ref").asText();
        assertThat(ref).startsWith("#/components/messages/");
        JsonNode message = doc.at(ref.substring(1));
        assertThat(message.isMissingNode()).as(ref).isFalse();
        return message;
    }

    private static String localRef(String ref, String prefix) {
        assertThat(ref).startsWith(prefix);
        return ref.substring(prefix.length());
    }

    private static ObjectNode body(BirthEvent event) {
        try {
            return (ObjectNode) JSON.readTree(EventJson.MAPPER.writeValueAsString(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode with(ObjectNode body, String field, Object value) {
        body.set(field, JSON.valueToTree(value));
        return body;
    }

    /** The validation errors of each sample that does not validate, keyed by the sample. */
    private static Map<String, Set<ValidationMessage>> errors(Collection<? extends BirthEvent> samples,
                                                            tools.jackson.databind.json.JsonMapper mapper) {
        Map<String, Set<ValidationMessage>> errors = new LinkedHashMap<>();
        for (BirthEvent sample : samples) {
            Set<ValidationMessage> messages = validate(sample, mapper.writeValueAsString(sample));
            if (!messages.isEmpty()) {
                errors.put(sample.toString(), messages);
            }
        }
        return errors;
    }

    private static Set<ValidationMessage> validate(BirthEvent event, String json) {
        try {
            return validate(event, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<ValidationMessage> validate(BirthEvent event, JsonNode body) {
        JsonSchema schema = SCHEMAS.getSchema(schema(EventTypes.typeOf(event.getClass())), ASSERT_FORMATS);
        return schema.validate(body);
    }

    private static Set<String> names(JsonNode object) {
        assertThat(object).isNotNull();
        return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new HashSet<>();
        if (array != null) {
            array.forEach(t -> {
                if (!t.isNull()) {
                    texts.add(t.asText());
                }
            });
        }
        return texts;
    }

    private static Set<String> texts(JsonNode array, String field) {
        Set<String> texts = new HashSet<>();
        if (array != null) {
            array.forEach(t -> texts.add(t.path(field).asText()));
        }
        return texts;
    }

    private static Set<String> components(Class<?> record) {
        assertThat(record.isRecord()).as(record.getName()).isTrue();
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).collect(Collectors.toSet());
    }

    private record Nested(Class<?> record, JsonNode schema) {
    }

    /** Visits every record nested in {@code record} (directly or as list elements) with the schema describing it. */
    private static void forEachNestedRecord(Class<?> record, JsonNode schema, String path,
                                            BiConsumer<String, Nested> visitor) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(component.getName());
            String at = path + "." + component.getName();
            Class<?> type = component.getType();
            if (type.isRecord()) {
                assertThat(property.path("type").toString()).as(at).contains("object");
                visitor.accept(at, new Nested(type, property));
                forEachNestedRecord(type, property, at, visitor);
            } else if (List.class.isAssignableFrom(type) && elementType(component).isRecord()) {
                JsonNode items = property.path("items");
                visitor.accept(at + "[]", new Nested(elementType(component), items));
                forEachNestedRecord(elementType(component), items, at + "[]", visitor);
            }
        }
    }

    private static Class<?> elementType(RecordComponent component) {
        Type generic = component.getGenericType();
        assertThat(generic).as(component.toString()).isInstanceOf(ParameterizedType.class);
        return (Class<?>) ((ParameterizedType) generic).getActualTypeArguments()[0];
    }

    private static void checkTypes(Class<?> record, JsonNode schema, String path) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(component.getName());
            String at = path + "." + component.getName();
            checkType(component.getType(), property, at);
            if (List.class.isAssignableFrom(component.getType())) {
                checkType(elementType(component), property.path("items"), at + "[]");
            }
        }
    }

    private static void checkType(Class<?> javaType, JsonNode property, String at) {
        Set<String> jsonTypes = property.path("type").isArray() ? texts(property.path("type"))
                : Set.of(property.path("type").asText());
        String expected = jsonType(javaType);
        assertThat(jsonTypes).as(at + " type").contains(expected);
        assertThat(jsonTypes).as(at + " type").isSubsetOf(Set.of(expected, "null"));
        if (javaType.isPrimitive()) {
            assertThat(jsonTypes).as(at + " is primitive: never null").doesNotContain("null");
        }
        String format = format(javaType);
        if (format != null) {
            assertThat(property.path("format").asText()).as(at + " format").isEqualTo(format);
        }
    }

    private static String jsonType(Class<?> javaType) {
        if (javaType == String.class || javaType == UUID.class || javaType.isEnum() || javaType == Instant.class
                || javaType == LocalDate.class || javaType == OffsetDateTime.class) {
            return "string";
        }
        if (javaType == boolean.class || javaType == Boolean.class) {
            return "boolean";
        }
        if (javaType == int.class || javaType == long.class || javaType == Integer.class || javaType == Long.class) {
            return "integer";
        }
        if (javaType == BigDecimal.class) {
            return "number";
        }
        if (List.class.isAssignableFrom(javaType)) {
            return "array";
        }
        if (javaType.isRecord()) {
            return "object";
        }
        throw new AssertionError("no JSON type known for " + javaType.getName() + ": extend the test");
    }

    private static String format(Class<?> javaType) {
        if (javaType == UUID.class) {
            return "uuid";
        }
        if (javaType == Instant.class || javaType == OffsetDateTime.class) {
            return "date-time";
        }
        if (javaType == LocalDate.class) {
            return "date";
        }
        return null;
    }

    private static void checkEnums(Class<?> record, JsonNode schema, String path) {
        for (RecordComponent component : record.getRecordComponents()) {
            JsonNode property = schema.path("properties").path(component.getName());
            Class<?> type = component.getType();
            if (type.isEnum()) {
                checkEnum(type, property, path + "." + component.getName());
            } else if (List.class.isAssignableFrom(type) && elementType(component).isEnum()) {
                checkEnum(elementType(component), property.path("items"), path + "." + component.getName() + "[]");
            }
        }
    }

    private static void checkEnum(Class<?> enumType, JsonNode property, String at) {
        List<String> constants = new ArrayList<>();
        for (Object constant : enumType.getEnumConstants()) {
            constants.add(((Enum<?>) constant).name());
        }
        assertThat(texts(property.get("enum"))).as(at).containsExactlyInAnyOrderElementsOf(constants);
        boolean nullable = property.path("type").isArray() && texts(property.path("type")).contains("null");
        boolean nullListed = property.has("enum") && stream(property.get("enum")).anyMatch(JsonNode::isNull);
        assertThat(nullListed).as(at + ": null in enum exactly when the type allows null").isEqualTo(nullable);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes.stream();
    }
}
