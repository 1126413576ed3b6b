package cn.gov.birth.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import cn.gov.birth.contracts.events.BirthEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Keeps the JSON Schemas and the AsyncAPI document, which non-Java systems read, in step with the records. */
class EventSchemasTest {

    private static final ObjectMapper SCHEMA_READER = new ObjectMapper();
    private static final JsonMapper EVENTS = JsonMapper.builder().build();

    @Test
    void shouldDescribeExactlyTheRecordComponentsOfEveryEvent() throws IOException {
        for (var entry : EventTypes.all().entrySet()) {
            JsonNode schema = schema(entry.getKey());
            Set<String> properties = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(properties::add);
            Set<String> components = components(entry.getValue());

            assertThat(properties).as(entry.getKey()).isEqualTo(components);
            schema.get("required").forEach(r -> assertThat(components).as(entry.getKey()).contains(r.asText()));
            assertThat(schema.get("title").asText()).isEqualTo(entry.getValue().getSimpleName());
        }
    }

    @Test
    void shouldValidateASerializedSampleOfEveryEventAgainstItsSchema() throws IOException {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        var samples = EventSamples.all();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all().values());
        for (var entry : EventTypes.all().entrySet()) {
            JsonSchema schema = factory.getSchema(schema(entry.getKey()));
            JsonNode body = SCHEMA_READER.readTree(EVENTS.writeValueAsString(samples.get(entry.getValue())));

            Set<ValidationMessage> errors = schema.validate(body);

            assertThat(errors).as(entry.getKey()).isEmpty();
        }
    }

    @Test
    void shouldRejectABodyMissingARequiredField() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(schema("cn.gov.birth.HouseholdRegistered.v1"));
        JsonNode body = SCHEMA_READER.readTree("{\"eventId\":\"6f1c2f7e-3d1a-4a8e-9b2c-1f0e5d4c3b2a\"}");

        assertThat(schema.validate(body)).isNotEmpty();
    }

    @Test
    void shouldListEveryTopicAndEverySchemaInTheAsyncApiDocument() throws IOException {
        String asyncApi;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi.yaml")) {
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(asyncApi).startsWith("asyncapi: 3.0.0");
        for (String topic : Topics.ALL) {
            assertThat(asyncApi).contains("address: " + topic);
        }
        for (String type : EventTypes.all().keySet()) {
            assertThat(asyncApi).contains("schemas/" + type + ".json");
        }
    }

    private static JsonNode schema(String type) throws IOException {
        try (InputStream in = EventSchemasTest.class.getResourceAsStream("/schemas/" + type + ".json")) {
            assertThat(in).as("schema for " + type).isNotNull();
            return SCHEMA_READER.readTree(in);
        }
    }

    private static Set<String> components(Class<? extends BirthEvent> record) {
        Set<String> names = new HashSet<>();
        Arrays.stream(record.getRecordComponents()).forEach(c -> names.add(c.getName()));
        return names;
    }
}
