package cn.gov.birth.application.tracking;

import cn.gov.birth.application.access.ApplicationAccess;
import cn.gov.birth.application.audit.ApplicationReads;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.Page;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/applications/{id}}: the one status the applicant follows, for the
 * application's own people only; and {@code GET /api/v1/applications}: the caller's applications.
 * What is shown to anyone outside the family goes into the audit trail ({@link ApplicationReads}).
 */
@RestController
@RequestMapping("/api/v1/applications")
class TrackingController {

    private final ApplicationViews views;
    private final AcceptanceNotices notices;
    private final ApplicationAccess access;
    private final ApplicationReads reads;

    TrackingController(ApplicationViews views, AcceptanceNotices notices, ApplicationAccess access,
                       ApplicationReads reads) {
        this.views = views;
        this.notices = notices;
        this.access = access;
        this.reads = reads;
    }

    /**
     * Those the caller submitted or is a parent on (a hospital's: those they filed; a clerk's: those
     * filed at their service centre), newest first.
     */
    @GetMapping
    Page<ApplicationViews.Summary> mine(@RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size, Caller caller) {
        Page<ApplicationViews.Summary> mine = views.of(caller.subject(), access.callerIndex(caller),
                ApplicationAccess.callerCentre(caller), new Page.Request(page, size));
        reads.shown(caller, mine.items().stream().map(ApplicationViews.Summary::id).toList(), "list");
        return mine;
    }

    /**
     * With the ETag of the last answer in {@code If-None-Match}, a portal that polls hears 304 while the
     * application is unchanged, from its version alone (the view is not read, opened or written).
     */
    @GetMapping("/{id}")
    ResponseEntity<ApplicationView> get(@PathVariable UUID id, Caller caller,
                                        @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                        String ifNoneMatch) {
        if (ifNoneMatch != null) {
            ETag current = ApplicationView.etag(views.version(id, parties -> access.mayAct(caller, parties))
                    .orElseThrow(() -> ApplicationAccess.notFound(id)));
            if (ETag.parse(ifNoneMatch).stream().anyMatch(held -> held.isWildcard() || held.compare(current, false))) {
                reads.shown(caller, List.of(id), "application");
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(current.formattedTag()).build();
            }
        }
        ApplicationView view = find(id, caller);
        reads.shown(caller, List.of(id), "application");
        return ResponseEntity.ok().eTag(ApplicationView.etag(view.version()).formattedTag()).body(view);
    }

    /** The written notice of the decision (受理通知书 / 一次性告知书 / 不予受理通知书). */
    @GetMapping("/{id}/notice")
    AcceptanceNotices.Notice notice(@PathVariable UUID id, Caller caller) {
        AcceptanceNotices.Notice notice = notices.of(find(id, caller));
        reads.shown(caller, List.of(id), "notice");
        return notice;
    }

    private ApplicationView find(UUID id, Caller caller) {
        return views.find(id, parties -> access.mayAct(caller, parties))
                .orElseThrow(() -> ApplicationAccess.notFound(id));
    }
}
