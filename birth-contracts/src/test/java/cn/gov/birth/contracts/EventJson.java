package cn.gov.birth.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON settings event bodies are written and read with. They mirror the platform's
 * {@code EventCodec} (module platform, which depends on this one, so it cannot be used here):
 * unknown fields ignored, an {@code OffsetDateTime} read back with the offset it was written with
 * (+08:00) instead of being moved to UTC, and decimals read as {@code BigDecimal}.
 */
final class EventJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Only unknown fields ignored: the minimal settings a consumer of the contracts needs. */
    static final JsonMapper MINIMAL = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }
}
