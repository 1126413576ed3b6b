package cn.gov.birth.platform.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of event bodies (and of what services keep as JSON). Unknown fields are ignored so that a consumer keeps
 * working when a producer adds a field (the contracts' compatibility rule, tested in birth-contracts the same way).
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A birth time keeps the offset it was given with (+08:00), not converted to UTC.
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Amounts read back from stored JSON keep their scale (400.00, not 400.0).
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static JsonMapper mapper() {
        return MAPPER;
    }

    private EventCodec() {
    }
}
