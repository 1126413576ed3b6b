package cn.gov.birth.application.audit;

import cn.gov.birth.platform.web.InvalidInputException;
import cn.gov.birth.platform.web.InvalidInputException.FieldError;
import cn.gov.birth.platform.web.Page;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit?applicationId=&subject=&from=&to=&page=&size=}: every service's audit
 * entries, newest first, for auditors only ({@code from} inclusive, {@code to} exclusive, ISO instants;
 * {@code subject} is the actor's token subject).
 */
@RestController
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    Page<AuditLog.Entry> search(@RequestParam(required = false) UUID applicationId,
                                @RequestParam(required = false) String subject,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size) {
        List<FieldError> errors = new ArrayList<>();
        Instant since = instant("from", from, errors);
        Instant until = instant("to", to, errors);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new FieldError("to", "OUT_OF_RANGE", "to 应晚于 from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return log.search(new AuditLog.Query(applicationId, subject == null || subject.isBlank() ? null : subject,
                since, until), new Page.Request(page, size));
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "INVALID_INSTANT", name + " 应为 ISO 8601 时刻，如 2026-12-01T00:00:00Z"));
            return null;
        }
    }
}
