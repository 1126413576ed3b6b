package cn.gov.birth.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Builds and reads Kafka records in CloudEvents binary mode: attributes as {@code ce_*} headers, JSON body. */
public final class CloudEventRecords {

    /** A record keyed by the application id ({@code subject}) so that its facts stay in order. */
    public static ProducerRecord<String, Object> of(String topic, String subject, String type, UUID id, String source,
                                                    Instant time, String traceparent, byte[] body) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, subject, body);
        Headers headers = record.headers();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        add(headers, CloudEventHeaders.ID, id.toString());
        add(headers, CloudEventHeaders.SOURCE, source);
        add(headers, CloudEventHeaders.TYPE, type);
        add(headers, CloudEventHeaders.SUBJECT, subject);
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        add(headers, CloudEventHeaders.TRACEPARENT, traceparent);
        return record;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of a header, null when absent. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private CloudEventRecords() {
    }
}
