package cn.gov.birth.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows accepted applications to a final state, as a portal does: live on the application's status
 * stream ({@code GET /api/v1/applications/{id}/events}, Server-Sent Events, one request per application)
 * until it tells a final status, then with one {@code GET /api/v1/applications/{id}} for the record; or,
 * with {@code live} off (and whenever a stream fails), by polling that GET, gently, so that following
 * does not itself load the platform: each application first 250 ms after its POST, then at intervals
 * doubling to 1 s, and all of them together at most {@code pollRate} GETs a second (the oldest due
 * first); with {@code conditional}, each GET after the first sends the ETag of the last answer, and a
 * 304 says the application is as it was. The end-to-end latency is taken from the platform's own clock
 * ({@code submittedAt}, {@code completedAt}), so a late poll does not lengthen it.
 */
final class Follower implements AutoCloseable {

    /** Statuses after which nothing happens without the applicant: done, refused, withdrawn, or waiting on them. */
    static final Set<String> FINAL = Set.of("COMPLETED", "PARTIALLY_COMPLETED", "NOT_ACCEPTED", "WITHDRAWN",
            "ACTION_REQUIRED", "NEEDS_SUPPLEMENT");
    static final String TIMED_OUT = "TIMED_OUT";
    static final Duration FIRST_POLL = Duration.ofMillis(250);
    static final Duration LONGEST_POLL = Duration.ofSeconds(1);
    private static final int POLLS_AT_ONCE = 16;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Where an application ended: its status ({@link #TIMED_OUT} if none was final in time); when
     * its POST was sent and when it was seen final (this machine's clock); the platform's
     * {@code submittedAt} and {@code completedAt} (null when not given: not completed). The
     * platform runs on the same machine, so both clocks are the same clock.
     */
    record Outcome(String status, Instant postedAt, Instant submittedAt, Instant completedAt, Instant seenAt) {

        boolean completed() {
            return status.equals("COMPLETED") || status.equals("PARTIALLY_COMPLETED");
        }

        /** When it was completed: by the platform's clock, or when seen so if the platform does not say. */
        Instant completion() {
            return completedAt != null ? completedAt : seenAt;
        }

        /** The platform's own intake → completion time, when it gives both ends. */
        Duration platformLatency() {
            return submittedAt == null || completedAt == null ? null : Duration.between(submittedAt, completedAt);
        }

        /** From sending the POST to the platform's {@code completedAt}: also the time before intake (the gateway). */
        Duration sentToCompleted() {
            return completedAt == null ? null : Duration.between(postedAt, completedAt);
        }

        /** From sending the POST to seeing it final: later than the fact by up to a poll interval. */
        Duration observed() {
            return seenAt == null ? null : Duration.between(postedAt, seenAt);
        }
    }

    private final HttpClient http;
    private final URI gateway;
    private final long gapNanos;
    private final boolean conditional;
    private final boolean live;
    private final DelayQueue<Pending> due = new DelayQueue<>();
    private final Semaphore slots = new Semaphore(POLLS_AT_ONCE);
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong failedPolls = new AtomicLong();
    private final AtomicLong streams = new AtomicLong();
    private final AtomicLong failedStreams = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();
    private final Thread loop;

    Follower(HttpClient http, URI gateway, double pollRate, boolean conditional, boolean live) {
        this.http = http;
        this.gateway = gateway;
        this.gapNanos = Math.round(1e9 / pollRate);
        this.conditional = conditional;
        this.live = live;
        this.loop = Thread.ofPlatform().name("follower").daemon().start(this::run);
    }

    /**
     * Follows an application whose POST was sent at {@code postedAt} ({@code postedNanos} by
     * {@link System#nanoTime()}) until it is final or {@code timeout} after that.
     */
    CompletableFuture<Outcome> follow(String id, String bearer, Instant postedAt, long postedNanos, Duration timeout) {
        Pending pending = new Pending(id, bearer, postedAt, postedNanos + timeout.toNanos());
        if (live) {
            Thread.startVirtualThread(() -> stream(pending));
        } else {
            pending.schedule(FIRST_POLL);
            due.add(pending);
        }
        return pending.outcome;
    }

    /** Applications followed to their end: final, or timed out. */
    long ended() {
        return ended.get();
    }

    /** How the applications were followed so far. */
    Following following() {
        return new Following(streams.get(), failedStreams.get(), polls.get(), unchanged.get(), failedPolls.get());
    }

    /**
     * How applications were followed: status streams opened (one per application followed live) and
     * those that failed or ended before a final status (their applications then polled); GETs, those
     * answered 304 (the application as it was at the last answer), and those that failed or were
     * answered neither 200 nor 304 (each asked again later).
     */
    record Following(long streams, long failedStreams, long polls, long unchanged, long failedPolls) {
    }

    /** Whether a line of a status stream is the data of an event with a final status. */
    static boolean announcesFinal(String line) {
        if (!line.startsWith("data:")) {
            return false;
        }
        return FINAL.contains(JSON.readTree(line.substring("data:".length())).path("status").asString(""));
    }

    /**
     * The interval after a poll that found the application still open (or failed): twice the last, at
     * least the first poll's (the poll at once after a stream), at most 1 s.
     */
    static Duration nextInterval(Duration last) {
        Duration doubled = last.multipliedBy(2);
        if (doubled.compareTo(FIRST_POLL) < 0) {
            return FIRST_POLL;
        }
        return doubled.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : doubled;
    }

    /** A time the platform gives: ISO-8601 text, or seconds since the epoch; null when absent. */
    static Instant instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(node.asString());
    }

    private void run() {
        long nextSlot = System.nanoTime();
        try {
            while (true) {
                Pending pending = due.take();
                long wait = nextSlot - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait)); // the poll budget's pace
                }
                nextSlot = Math.max(System.nanoTime(), nextSlot) + gapNanos;
                slots.acquire();
                Thread.startVirtualThread(() -> {
                    try {
                        poll(pending);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            // Closed: nothing left to follow.
        }
    }

    /**
     * Reads the application's status stream until it tells a final status (or has told one before: 204),
     * then hands the application to the polls for its record: one GET. A stream that fails or ends first
     * leaves it to the polls altogether; one still open at the deadline is closed, and the poll then
     * finds it timed out.
     */
    private void stream(Pending pending) {
        streams.incrementAndGet();
        boolean told = false;
        try {
            HttpResponse<Stream<String>> answer = http.send(HttpRequest.newBuilder(
                            gateway.resolve("/api/v1/applications/" + pending.id + "/events"))
                    .header("Authorization", pending.bearer).header("Accept", "text/event-stream")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = answer.body()) {
                if (answer.statusCode() == 204) {
                    told = true;
                } else if (answer.statusCode() == 200) {
                    // A heartbeat comes every 15 s at the latest, so the deadline is looked at in time.
                    told = lines.takeWhile(line -> System.nanoTime() < pending.deadlineNanos)
                            .anyMatch(Follower::announcesFinal);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not answered, or cut off: the polls follow it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!told) {
            failedStreams.incrementAndGet();
        }
        pending.schedule(Duration.ZERO);
        due.add(pending);
    }

    private void poll(Pending pending) {
        polls.incrementAndGet();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve("/api/v1/applications/" + pending.id))
                    .header("Authorization", pending.bearer).timeout(Duration.ofSeconds(30)).GET();
            if (conditional && pending.etag != null) {
                request.header("If-None-Match", pending.etag);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 304) {
                unchanged.incrementAndGet();
            } else if (answer.statusCode() == 200) {
                pending.etag = answer.headers().firstValue("ETag").orElse(null);
                JsonNode application = JSON.readTree(answer.body());
                String status = application.path("status").asString("");
                if (FINAL.contains(status)) {
                    end(pending, new Outcome(status, pending.postedAt, instant(application.get("submittedAt")),
                            instant(application.get("completedAt")), Instant.now()));
                    return;
                }
            } else {
                failedPolls.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // Not answered, or not an application's JSON: asked again (a wrong answer each time ends as timed out).
            failedPolls.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (System.nanoTime() >= pending.deadlineNanos) {
            end(pending, new Outcome(TIMED_OUT, pending.postedAt, null, null, null));
        } else {
            pending.schedule(nextInterval(pending.interval));
            due.add(pending);
        }
    }

    private void end(Pending pending, Outcome outcome) {
        ended.incrementAndGet();
        pending.outcome.complete(outcome);
    }

    @Override
    public void close() {
        loop.interrupt();
    }

    /** An application being followed, due for its next poll at {@code dueNanos}. */
    private static final class Pending implements Delayed {

        final String id;
        final String bearer;
        final Instant postedAt;
        final long deadlineNanos;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Duration interval;
        long dueNanos;
        /** The last answer's ETag; polls of one application follow one another, each on the queue after the last. */
        String etag;

        Pending(String id, String bearer, Instant postedAt, long deadlineNanos) {
            this.id = id;
            this.bearer = bearer;
            this.postedAt = postedAt;
            this.deadlineNanos = deadlineNanos;
        }

        void schedule(Duration after) {
            interval = after;
            dueNanos = System.nanoTime() + after.toNanos();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Pending) other).dueNanos);
        }
    }
}
