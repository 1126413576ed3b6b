package cn.gov.birth.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ItemStarted;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class CloudEventCodecTest {

    private static final String TRACE = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
    private final CloudEventSerializer serializer = new CloudEventSerializer();

    @Test
    void shouldReadAnEventBackFromItsCloudEventRecord() {
        var event = new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Item.HUKOU);
        var record = record(event.eventId(), "cn.gov.birth.ItemStarted.v1", EventCodec.write(event));

        assertThat(deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value())).isEqualTo(event);
        assertThat(header(record.headers(), "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record.headers(), "ce_subject")).isEqualTo(record.key());
        assertThat(header(record.headers(), "traceparent")).isEqualTo(TRACE);
    }

    @Test
    void shouldRefuseABodyThatIsNotJson() {
        var record = record(UUID.randomUUID(), "cn.gov.birth.ItemStarted.v1", "{oops".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void shouldRefuseAnUnknownEventType() {
        var event = new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Item.HUKOU);
        var record = record(event.eventId(), "cn.gov.birth.Nothing.v1", EventCodec.write(event));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .hasMessageContaining("unknown event type");
    }

    @Test
    void shouldRefuseAnEventWhoseIdDiffersFromCeId() {
        var event = new ItemStarted(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), Item.HUKOU);
        var record = record(UUID.randomUUID(), "cn.gov.birth.ItemStarted.v1", EventCodec.write(event));

        assertThatThrownBy(() -> deserializer.deserialize(record.topic(), record.headers(), (byte[]) record.value()))
                .hasMessageContaining("ce_id");
    }

    @Test
    void shouldPassRawBytesThroughUnchangedForDeadLetters() {
        byte[] poison = {1, 2, 3};

        assertThat(serializer.serialize(Topics.deadLetter(Topics.HUKOU), poison)).isSameAs(poison);
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, Object> record(UUID id, String type,
                                                                                          byte[] body) {
        return CloudEventRecords.of(Topics.HUKOU, UUID.randomUUID().toString(), type, id, "/birth/test",
                Instant.now(), TRACE, body);
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
