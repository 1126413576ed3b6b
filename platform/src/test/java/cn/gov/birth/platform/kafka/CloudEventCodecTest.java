package cn.gov.birth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.EventCodec;
import cn.gov.birth.platform.events.TestEvents;
import cn.gov.birth.platform.events.TestEvents.Ping;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer(TestEvents.pings());
    private final CloudEventSerializer serializer = new CloudEventSerializer();

    @Test
    void shouldReadAnEventBackFromItsCloudEventRecord() {
        var event = Ping.of("subject-1", "hello");
        var record = record(event.eventId(), TestEvents.TYPE, EventCodec.mapper().writeValueAsBytes(event));

        assertThat(deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value())).isEqualTo(event);
        assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(record.key());
        assertThat(header(record.headers(), "traceparent")).isEqualTo(TRACE);
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        var record = record(UUID.randomUUID(), TestEvents.TYPE, "{oops".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldRefuseAnUnknownEventType() {
        var event = Ping.of("subject-1", "hello");
        var record = record(event.eventId(), "test.Nothing.v1", EventCodec.mapper().writeValueAsBytes(event));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .hasMessageContaining("unknown event type");
    }

    @Test
    void shouldRefuseAnEventWhoseIdDiffersFromCeId() {
        var event = Ping.of("subject-1", "hello");
        var record = record(UUID.randomUUID(), TestEvents.TYPE, EventCodec.mapper().writeValueAsBytes(event));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .hasMessageContaining("ce_id");
    }

    @Test
    void shouldPassRawBytesThroughUnchangedForDeadLetters() {
        byte[] poison = {1, 2, 3};

        assertThat(serializer.serialize(TestEvents.TOPIC + ".dlt", poison)).isSameAs(poison);
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, Object> record(UUID id, String type,
                                                                                          byte[] body) {
        return CloudEventRecords.of(TestEvents.TOPIC, UUID.randomUUID().toString(), type, id, "/birth/test",
                Instant.now(), TRACE, body);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
