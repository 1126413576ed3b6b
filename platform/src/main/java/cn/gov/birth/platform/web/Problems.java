package cn.gov.birth.platform.web;

import cn.gov.birth.platform.db.DatabaseAway;
import cn.gov.birth.platform.events.EventCodec;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem responses for every service: validation failures carry
 * {@code errors: [{field, code, message}]}, and unreadable bodies are a 400, never a 500 (a control
 * character in a string of the body too: {@link ControlCharacters}).
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    static final String TYPE_BASE = "https://birth.gov.cn/problems/";
    /** Seconds: about what a database restart or fail-over takes. */
    static final String DATABASE_AWAY_RETRY = "5";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return ResponseEntity.badRequest().body(validation(e.errors()));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e) {
        return ResponseEntity.status(e.status()).body(problem(e.status(), e.title(), e.getMessage()));
    }

    /** Anything unexpected: logged in full here, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse) {
            throw e;
        }
        if (DatabaseAway.is(e)) {
            // PostgreSQL restarting or out of connections: nothing was stored, and it will pass.
            log.warn("Request refused while the database is away: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, DATABASE_AWAY_RETRY)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                            "The service cannot reach its database right now; nothing was changed. Please retry later."));
        }
        log.error("Request failed unexpectedly", e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; nothing was changed. Please retry later."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<InvalidInputException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new InvalidInputException.FieldError(f.getField(),
                        f.getCode() == null ? "INVALID" : f.getCode().toUpperCase(), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validation(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimit.TooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge.limit()));
            }
            if (cause instanceof ControlCharacters.Refused refused) {
                return ResponseEntity.badRequest().body(validation(List.of(refused.error())));
            }
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed", "Malformed request",
                "The request body is not readable JSON of the expected shape.");
        problem.setProperty("errors", List.of(Map.of("field", "$", "code", "UNREADABLE",
                "message", "body is not valid JSON of the expected shape")));
        return ResponseEntity.badRequest().body(problem);
    }

    /** A body over the limit, read as far as the limit ({@link RequestSizeLimit}) by whatever read it. */
    @ExceptionHandler(RequestSizeLimit.TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestSizeLimit.TooLarge e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(e.limit()));
    }

    static ProblemDetail tooLarge(long limit) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                "The request body is larger than " + limit + " bytes.");
    }

    /** A problem with its type, for refusals made outside the controllers. */
    public static ProblemDetail problem(HttpStatus status, String title, String detail) {
        return problem(status, String.valueOf(status.value()), title, detail);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }

    /** Writes the problem where a filter refuses a request before any controller is reached. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(EventCodec.mapper().writeValueAsString(problem));
    }

    static ProblemDetail validation(List<InvalidInputException.FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "validation", "Invalid application",
                errors.size() + " field(s) are not acceptable; see errors.");
        problem.setProperty("errors", errors);
        return problem;
    }
}
