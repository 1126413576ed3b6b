package cn.gov.birth.notification.stream;

import cn.gov.birth.contracts.ApplicationStatus;
import cn.gov.birth.notification.messages.Notifications;
import cn.gov.birth.notification.messages.Notifications.Message;
import cn.gov.birth.notification.messages.Notifications.Reader;
import cn.gov.birth.notification.messages.Notifications.StatusMessage;
import cn.gov.birth.platform.web.Page;
import cn.gov.birth.platform.web.ProblemException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * resumes after the last version it saw. A message this instance records is handed to its
 * application's feeds once committed, and sent as it is when it follows the last one sent and the
 * reader is among its audience (most are: versions grow by one and one instance records an
 * application's changes); otherwise, and at least every {@code poll-interval} (another instance may
 * have recorded one), a feed reads what follows from the table. A feed ends after a final status.
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
    private final Map<UUID, Set<Listener>> listeners = new ConcurrentHashMap<>();
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

    /** The event handler's part: the message goes to its application's feeds once it is committed. */
    public void recorded(StatusMessage message) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                listeners.getOrDefault(message.applicationId(), Set.of()).forEach(listener -> listener.tell(message));
            }
        });
    }

    /**
     * The messages about the application the reader may see, oldest first; when there are none yet,
     * waits up to {@code first-message-wait} for the first, so that a portal connecting right after
     * filing is not told 404 because the status change is still on its way.
     */
    List<Message> visible(UUID applicationId, Reader reader) throws InterruptedException {
        Listener news = listen(applicationId);
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
        Listener news = listen(applicationId);
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

    private Listener listen(UUID applicationId) {
        Listener news = new Listener();
        listeners.computeIfAbsent(applicationId, id -> ConcurrentHashMap.newKeySet()).add(news);
        return news;
    }

    private void unlisten(UUID applicationId, Listener news) {
        listeners.computeIfPresent(applicationId, (id, waiting) -> {
            waiting.remove(news);
            return waiting.isEmpty() ? null : waiting;
        });
    }

    /**
     * Waits for news or for the time to pass, whichever comes first; news that came meanwhile counts once.
     * Returns whether there was news.
     */
    private static boolean await(Listener news, Duration atMost) throws InterruptedException {
        boolean told = news.signal.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
        news.signal.drainPermits();
        return told;
    }

    /** One waiting reader of an application on this instance: woken by news, with the messages recorded here since. */
    private static final class Listener {

        private final Semaphore signal = new Semaphore(0);
        private final ConcurrentLinkedQueue<StatusMessage> recorded = new ConcurrentLinkedQueue<>();

        void tell(StatusMessage message) {
            recorded.add(message);
            signal.release();
        }

        /** The messages told since the last call, by version. */
        List<StatusMessage> takeRecorded() {
            List<StatusMessage> taken = new ArrayList<>();
            for (StatusMessage message; (message = recorded.poll()) != null; ) {
                taken.add(message);
            }
            taken.sort(Comparator.comparingLong(StatusMessage::version));
            return taken;
        }

        void close() {
            signal.release();
        }
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
        private final Listener news;
        private long last;
        private volatile boolean open = true;

        Feed(UUID applicationId, Reader reader, long after, SseEmitter emitter, Listener news) {
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
                boolean told = false;
                while (open) {
                    for (StatusEvent event : next(told)) {
                        emitter.send(SseEmitter.event().id(Long.toString(event.version())).name("status")
                                .data(event, MediaType.APPLICATION_JSON));
                        last = event.version();
                        lastWrite = clock.instant();
                        if (event.endsTheStream()) {
                            emitter.complete();
                            return;
                        }
                    }
                    if (!Duration.between(lastWrite, clock.instant()).minus(heartbeat).isNegative()) {
                        // Keeps idle connections open through proxies, and finds clients that left.
                        emitter.send(SseEmitter.event().comment(""));
                        lastWrite = clock.instant();
                    }
                    told = await(news, pollInterval);
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

        /**
         * What follows the last version sent: when woken, the messages recorded here since, if they follow it one
         * by one and the reader is among their audience; otherwise (the first round, a poll without news, a gap
         * another instance filled, another audience) what the table holds after it.
         */
        private List<StatusEvent> next(boolean told) {
            List<StatusMessage> recorded = news.takeRecorded();
            if (told) {
                List<StatusEvent> events = new ArrayList<>();
                long version = last;
                boolean inOrder = true;
                for (StatusMessage message : recorded) {
                    if (message.version() <= version) {
                        continue;
                    }
                    if (message.version() != version + 1 || !reader.sees(message.audience())) {
                        inOrder = false;
                        break;
                    }
                    events.add(StatusEvent.of(message));
                    version = message.version();
                }
                if (inOrder) {
                    return events;
                }
            }
            return after(applicationId, reader, last).stream().map(StatusEvent::of).toList();
        }

        void close() {
            open = false;
            news.close();
        }
    }

    /** What a client receives for each status change. */
    record StatusEvent(long version, String status, String item, String text, Instant at) {

        static StatusEvent of(Message message) {
            return new StatusEvent(message.version(), message.status(), message.item(), message.text(),
                    message.createdAt());
        }

        static StatusEvent of(StatusMessage message) {
            return new StatusEvent(message.version(), message.status(), message.item(), message.text(),
                    message.createdAt());
        }

        /** A final status: nothing follows it. */
        boolean endsTheStream() {
            return ApplicationStatus.valueOf(status).isFinal();
        }
    }
}
