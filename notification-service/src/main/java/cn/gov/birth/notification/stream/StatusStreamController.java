package cn.gov.birth.notification.stream;

import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.notification.messages.Notifications.Message;
import cn.gov.birth.platform.security.Caller;
import cn.gov.birth.platform.web.ProblemException;
import cn.gov.birth.security.BlindIndex;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/applications/{id}/events}: the application's status changes as Server-Sent
 * Events ({@code id} the version, {@code event: status}, data {@code {version, status, item, text,
 * at}}), from the first or after {@code Last-Event-ID}, ending after a final status. Only the
 * application's own people, as for its messages: anyone else 404. A client that already saw the
 * final status gets 204, which tells an EventSource to stop reconnecting.
 */
@RestController
class StatusStreamController {

    private final StatusStreams streams;
    private final BlindIndex index;

    StatusStreamController(StatusStreams streams, BlindIndex index) {
        this.streams = streams;
        this.index = index;
    }

    @GetMapping("/api/v1/applications/{id}/events")
    ResponseEntity<SseEmitter> events(@PathVariable UUID id,
                                      @RequestHeader(name = "Last-Event-ID", required = false) Long lastEventId,
                                      Caller caller) throws InterruptedException {
        Notifications.Reader reader = Notifications.Reader.of(caller, index);
        List<Message> visible = streams.visible(id, reader);
        if (visible.isEmpty()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Application not found",
                    "No status changes of application " + id + " for you.");
        }
        long after = lastEventId == null ? Long.MIN_VALUE : lastEventId;
        Message newest = visible.getLast();
        if (newest.version() <= after && StatusStreams.isFinal(newest)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                // Proxies that buffer responses (nginx) would hold the events back.
                .header("X-Accel-Buffering", "no")
                .body(streams.follow(id, reader, after));
    }
}
