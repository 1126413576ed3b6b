package cn.gov.birth.kit.supervision;

import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/departments/{department}/overdue-items}: the department's staff see the items
 * supervision found past their promised time limit, newest first.
 */
@RestController
class OverdueNoticeController {

    private final OverdueNotices notices;

    OverdueNoticeController(OverdueNotices notices) {
        this.notices = notices;
    }

    @GetMapping("/api/v1/departments/{department}/overdue-items")
    Page<OverdueNotices.Notice> overdueItems(@PathVariable String department,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        if (!notices.department().name().equals(department)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Department not served here",
                    "This service keeps the overdue items of " + notices.department() + ", not of " + department + ".");
        }
        return notices.notices(new Page.Request(page, size));
    }
}
