package cn.gov.birth.platform.kafka;

import cn.gov.birth.platform.events.EventCodec;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes event bodies. Raw bytes pass through untouched: the outbox stores bodies already
 * serialized, and a dead letter must keep the exact bytes that could not be read.
 */
public class CloudEventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return switch (data) {
            case null -> null;
            case byte[] bytes -> bytes;
            default -> EventCodec.mapper().writeValueAsBytes(data);
        };
    }
}
