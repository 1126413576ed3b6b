package cn.gov.birth.notification.stream;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.contracts.events.ApplicationStatusChanged;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.notification.messages.Notifications.Message;
import cn.gov.birth.notification.messages.Notifications.Reader;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live feeds of applications' status changes, read from the messages this service stores (one per
 * change, its version the event id), so that any instance serves any application and a client
 * resumes after the last version it saw. A feed looks again when this instance records a message
 * for its application (after the commit) and at least every {@code poll-interval} (another
 * instance may have recorded it); it ends after a final status.
 */
@Component
public class StatusStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StatusStreams.class);

    private final Notifications notifications;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final Duration firstMessageWait;
    private final Duration maxDuration;
    /** Who is waiting for news of each application on this instance. */
    private final Map<UUID, Set<Semaphore>> listeners = new ConcurrentHashMap<>();
    /** A feed mostly waits: one virtual thread each. */
    private final ExecutorService feeds = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;

    StatusStreams(Notifications notifications, Clock clock,
                  @Value("${birth.notification.stream.poll-interval}") Duration pollInterval,
                  @Value("${birth.notification.stream.heartbeat}") Duration heartbeat,
                  @Value("${birth.notification.stream.first-message-wait}") Duration firstMessageWait,
                  @Value("${birth.notification.stream.max-duration}") Duration maxDuration) {
        this.notifications = notifications;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.heartbeat = heartbeat;
        this.firstMessageWait = firstMessageWait;
        this.maxDuration = maxDuration;
    }

    /** The event handler's part: the feeds of the application look once the message is committed. */
    public void recorded(ApplicationStatusChanged change) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake(change.applicationId());
            }
        });
    }

    /**
     * The messages about the application the reader may see, oldest first; when there are none yet,
     * waits up to {@code first-message-wait} for the first, so that a portal connecting right after
     * filing is not told 404 because the status change is still on its way.
     */
    List<Message> visible(UUID applicationId, Reader reader) throws InterruptedException {
        Semaphore news = listen(applicationId);
        try {
            Instant until = clock.instant().plus(firstMessageWait);
            while (true) {
                List<Message> messages = after(applicationId, reader, Long.MIN_VALUE);
                Duration left = Duration.between(clock.instant(), until);
                if (!messages.isEmpty() || left.isNegative() || left.isZero()) {
                    return messages;
                }
                await(news, left.compareTo(pollInterval) < 0 ? left : pollInterval);
            }
        } finally {
            unlisten(applicationId, news);
        }
    }

    /** A stream of the application's status changes after version {@code after}, until a final status. */
    SseEmitter follow(UUID applicationId, Reader reader, long after) {
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis());
        Semaphore news = listen(applicationId);
        Feed feed = new Feed(applicationId, reader, after, emitter, news);
        // A stream that ran its time is ended; the client resumes with the last version it saw.
        emitter.onTimeout(emitter::complete);
        emitter.onCompletion(feed::close);
        emitter.onError(error -> feed.close());
        try {
            feeds.execute(feed);
        } catch (RejectedExecutionException stopping) {
            unlisten(applicationId, news);
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service stopping",
                    "This instance is stopping; please reconnect with the last event id you received.");
        }
        return emitter;
    }

    static boolean isFinal(Message message) {
        return ApplicationStatus.valueOf(message.status()).isFinal();
    }

    /** The status changes after {@code version}: a page at a time, each from where the last ended. */
    private List<Message> after(UUID applicationId, Reader reader, long version) {
        List<Message> fresh = new ArrayList<>();
        while (true) {
            List<Message> page = notifications.statusChangesAfter(applicationId, reader, version, Page.MAX_SIZE);
            fresh.addAll(page);
            if (page.size() < Page.MAX_SIZE) {
                return fresh;
            }
            version = page.getLast().version();
        }
    }

    private Semaphore listen(UUID applicationId) {
        Semaphore news = new Semaphore(0);
        listeners.computeIfAbsent(applicationId, id -> ConcurrentHashMap.newKeySet()).add(news);
        return news;
    }

    private void unlisten(UUID applicationId, Semaphore news) {
        listeners.computeIfPresent(applicationId, (id, waiting) -> {
            waiting.remove(news);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    private void wake(UUID applicationId) {
        listeners.getOrDefault(applicationId, Set.of()).forEach(Semaphore::release);
    }

    /** Waits for news or for the time to pass, whichever comes first; news that came meanwhile counts once. */
    private static void await(Semaphore news, Duration atMost) throws InterruptedException {
        news.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
        news.drainPermits();
    }

    /**
     * Ends every stream when the service stops, before the web server's graceful shutdown, which would
     * otherwise wait its whole period for them: interrupted feeds complete their responses, and the
     * clients resume on another instance with Last-Event-ID.
     */
    @Override
    public void stop() {
        running = false;
        feeds.shutdownNow();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One client's stream. */
    private final class Feed implements Runnable {

        private final UUID applicationId;
        private final Reader reader;
        private final SseEmitter emitter;
        private final Semaphore news;
        private long last;
        private volatile boolean open = true;

        Feed(UUID applicationId, Reader reader, long after, SseEmitter emitter, Semaphore news) {
            this.applicationId = applicationId;
            this.reader = reader;
            this.last = after;
            this.emitter = emitter;
            this.news = news;
        }

        @Override
        public void run() {
            try {
                // Sends the headers at once: a proxy waiting for them must not take a quiet stream for a dead one.
                emitter.send(SseEmitter.event().comment("status changes of application " + applicationId));
                Instant lastWrite = clock.instant();
                while (open) {
                    for (Message message : after(applicationId, reader, last)) {
                        emitter.send(SseEmitter.event().id(Long.toString(message.version())).name("status")
                                .data(StatusEvent.of(message), MediaType.APPLICATION_JSON));
                        last = message.version();
                        lastWrite = clock.instant();
                        if (isFinal(message)) {
                            emitter.complete();
                            return;
                        }
                    }
                    if (!Duration.between(lastWrite, clock.instant()).minus(heartbeat).isNegative()) {
                        // Keeps idle connections open through proxies, and finds clients that left.
                        emitter.send(SseEmitter.event().comment(""));
                        lastWrite = clock.instant();
                    }
                    await(news, pollInterval);
                }
            } catch (IOException | IllegalStateException gone) {
                // The client left or the stream ran its time: nothing to send to.
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                emitter.complete();
            } catch (RuntimeException e) {
                log.warn("Status stream of application {} failed: {}", applicationId, e.toString());
                emitter.completeWithError(e);
            } finally {
                unlisten(applicationId, news);
            }
        }

        void close() {
            open = false;
            news.release();
        }
    }

    /** What a client receives for each status change. */
    record StatusEvent(long version, String status, String item, String text, Instant at) {

        static StatusEvent of(Message message) {
            return new StatusEvent(message.version(), message.status(), message.item(), message.text(),
                    message.createdAt());
        }
    }
}
