package cn.gov.birth.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When a refused POST may be sent again, from its {@code Retry-After} (RFC 9110 §10.2.3: seconds, or an
 * HTTP date): what a portal that waits as asked does with a 429 or 503.
 */
final class RetryAfter {

    private RetryAfter() {
    }

    /** How long to wait before asking again; empty when the answer did not ask to be asked again. */
    static Optional<Duration> of(int status, Optional<String> header, Instant now) {
        if (status != 429 && status != 503) {
            return Optional.empty();
        }
        return header.map(String::trim).flatMap(value -> seconds(value).or(() -> until(value, now)));
    }

    private static Optional<Duration> seconds(String value) {
        if (!value.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }

    private static Optional<Duration> until(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
