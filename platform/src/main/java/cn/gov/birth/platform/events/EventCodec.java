package cn.gov.birth.platform.events;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.events.BirthEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes event bodies. Unknown fields are ignored so that a consumer keeps working when
 * a producer adds a field (the compatibility rule of the contracts). The contract tests in
 * birth-contracts use the same settings.
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A birth time keeps the offset it was given with (+08:00), not converted to UTC.
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Amounts read back from stored JSON keep their scale (400.00, not 400.0).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static byte[] write(BirthEvent event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Reads a body of the given {@code ce_type}; fails for an unknown type or a body that does not fit. */
    public static BirthEvent read(String type, byte[] body) {
        Class<? extends BirthEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        BirthEvent event = MAPPER.readValue(body, eventClass);
        if (event.eventId() == null || event.applicationId() == null) {
            throw new IllegalArgumentException("event without eventId or applicationId");
        }
        return event;
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private EventCodec() {
    }
}
