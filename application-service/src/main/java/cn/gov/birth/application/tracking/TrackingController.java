package cn.gov.birth.application.tracking;

import cn.gov.birth.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/applications/{id}}: the one status the applicant follows. */
@RestController
@RequestMapping("/api/v1/applications")
class TrackingController {

    private final ApplicationViews views;
    private final AcceptanceNotices notices;

    TrackingController(ApplicationViews views, AcceptanceNotices notices) {
        this.views = views;
        this.notices = notices;
    }

    @GetMapping("/{id}")
    ApplicationView get(@PathVariable UUID id) {
        return views.find(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Application not found",
                "No application " + id + "."));
    }

    /** The written notice of the decision (受理通知书 / 一次性告知书 / 不予受理通知书). */
    @GetMapping("/{id}/notice")
    AcceptanceNotices.Notice notice(@PathVariable UUID id) {
        return notices.of(get(id));
    }
}
