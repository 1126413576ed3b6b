package cn.gov.birth.platform.kafka;

import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.events.CloudEventHeaders;
import cn.gov.birth.platform.events.CloudEventRecords;
import cn.gov.birth.platform.events.EventCodec;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a binary-mode CloudEvent into its event record, choosing the record by {@code ce_type}.
 * Anything that is not a well-formed event of a known type fails here, so that the error handler
 * sends it straight to the dead-letter topic instead of retrying it.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

    private final EventCatalog catalog;

    public CloudEventDeserializer(EventCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        throw new IllegalStateException("CloudEvents need their headers");
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        String type = CloudEventRecords.header(headers, CloudEventHeaders.TYPE);
        String id = CloudEventRecords.header(headers, CloudEventHeaders.ID);
        if (type == null || id == null || data == null) {
            throw new IllegalArgumentException("not a CloudEvent: ce_type, ce_id or body missing");
        }
        Class<?> eventClass = catalog.classOf(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        Object event = EventCodec.mapper().readValue(data, eventClass);
        UUID eventId = catalog.idOf(event);
        if (eventId == null || !eventId.equals(UUID.fromString(id)) || catalog.keyOf(event) == null) {
            throw new IllegalArgumentException("no event id or key, or ce_id does not match the event id");
        }
        return event;
    }
}
