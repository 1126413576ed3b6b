package cn.gov.birth.notification.messages;

import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.BlindIndex;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications}: the caller's messages, newest first; with
 * {@code applicationId}, those about one application, oldest first — 404 when the caller may see
 * none of it (another family's, or none sent yet), as for an application that does not exist.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final Notifications notifications;
    private final BlindIndex index;

    NotificationController(Notifications notifications, BlindIndex index) {
        this.notifications = notifications;
        this.index = index;
    }

    @GetMapping
    Page<Notifications.Message> list(@RequestParam(required = false) UUID applicationId,
                                     @RequestParam(defaultValue = "0") int page,
                                     @RequestParam(defaultValue = "20") int size, Caller caller) {
        Page.Request request = new Page.Request(page, size);
        Notifications.Reader reader = Notifications.Reader.of(caller, index);
        if (applicationId == null) {
            return notifications.of(reader, request);
        }
        Page<Notifications.Message> messages = notifications.of(applicationId, reader, request);
        if (messages.totalItems() == 0) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Application not found",
                    "No messages about application " + applicationId + " for you.");
        }
        return messages;
    }
}
