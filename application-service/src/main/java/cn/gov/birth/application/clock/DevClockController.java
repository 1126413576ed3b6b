package cn.gov.birth.application.clock;

import static cn.gov.birth.security.Role.OPS;

import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profile {@code dev} only: ops move the service's clock forward ({@code POST /api/v1/dev/clock}
 * {@code {"advance": "P10D"}}) or back to the real time ({@code DELETE}). Outside {@code dev} neither
 * this controller nor its grant exists: the path is refused like any other not granted.
 */
@RestController
@Profile("dev")
class DevClockController {

    private static final Logger log = LoggerFactory.getLogger(DevClockController.class);

    private final DevClock clock;

    DevClockController(DevClock clock) {
        this.clock = clock;
    }

    @Bean
    static AccessRules devClockAccess() {
        return routes -> routes.requestMatchers(HttpMethod.POST, "/api/v1/dev/clock").access(Access.anyRole(OPS))
                .requestMatchers(HttpMethod.DELETE, "/api/v1/dev/clock").access(Access.anyRole(OPS));
    }

    @PostMapping("/api/v1/dev/clock")
    Time advance(@RequestBody Advance request) {
        Duration by;
        try {
            by = request.advance() == null ? null : Duration.parse(request.advance());
        } catch (DateTimeException e) {
            by = null;
        }
        if (by == null || by.isNegative()) {
            throw new InvalidInputException(List.of(new FieldError("advance", "INVALID_DURATION",
                    "advance 应为不为负的 ISO-8601 时长，如 P10D 或 PT6H")));
        }
        Duration ahead = clock.advance(by);
        log.warn("Dev clock moved forward by {}: now {} ahead of the real time", by, ahead);
        return now();
    }

    @DeleteMapping("/api/v1/dev/clock")
    Time reset() {
        clock.reset();
        log.warn("Dev clock back to the real time");
        return now();
    }

    private Time now() {
        return new Time(clock.instant(), clock.ahead());
    }

    record Advance(String advance) {
    }

    record Time(Instant now, Duration ahead) {
    }
}
