package cn.gov.birth.notification.inbox;

import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/notifications?applicationId=…}: the messages about one application, oldest first. */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    List<Notifications.Message> list(@RequestParam UUID applicationId) {
        return notifications.of(applicationId);
    }
}
