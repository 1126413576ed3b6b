package cn.gov.birth.benchmark;

import cn.gov.birth.benchmark.Follower.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits the families of a generated data set through the gateway and follows each accepted
 * application to its final state; prints the submission latency by answer (201, 429, 503, other;
 * whether 429 and 503 carried {@code Retry-After}), the POST → completion latency by the platform's
 * own clock ({@code submittedAt}, {@code completedAt}), completions per second in the submit window
 * and in all, and the machine's CPU (from {@code /proc/stat}) per completed application, with the
 * cores each of the platform's processes used. The last line is a machine-readable summary.
 *
 * <p>Open loop, {@code --rate R --duration S}: R applications a second on a fixed schedule, whatever
 * the answers, for S seconds. Closed loop, {@code --concurrency N}: N clients, each posting its next
 * application when its last POST is answered ({@code --await response}, the default with
 * {@code --duration}: saturation) or when its last application is final ({@code --await final}, the
 * default without: as before {@code --duration} existed); until {@code --limit} families are
 * submitted or the duration is over; a client refused with {@code Retry-After} (429, 503) waits as asked and
 * posts the same family again, as a portal does. Other options: {@code --gateway URL}, {@code --data DIR},
 * {@code --pids DIR} (the run script's pid files, for CPU by process), {@code --skip N},
 * {@code --timeout SECONDS} (how long each application is followed after its POST),
 * {@code --follow stream|poll} (each application on its status stream, then one GET; or by GETs only),
 * {@code --poll-rate N} (GETs a second for following, all applications together), {@code --etag on|off}
 * (GETs with the last answer's ETag in {@code If-None-Match}, or plain).
 *
 * <p>The platform must run with the same data set ({@code REFERENCE_DATA_DIR=DIR}), so that the
 * departments know every family; each family can be submitted once per data set and databases.
 * Every family's mother signs in before the timed run (a token from the dev profile's
 * {@code POST /api/v1/dev/tokens}), so each family is its own subject for the gateway's per-person
 * rate limit, as in life, and signing in is not part of what is measured.
 */
public final class LoadGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    // HTTP/1.1 as browsers and portals reach the gateway: one connection per request in flight.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;
    private final Plan plan;
    private final CpuMeter cpu;

    /** A family ready to submit: its form and its mother's bearer token. */
    private record Family(String form, String body, String bearer) {
    }

    private LoadGenerator(URI gateway, Plan plan, CpuMeter cpu) {
        this.gateway = gateway;
        this.plan = plan;
        this.cpu = cpu;
    }

    public static void main(String[] args) throws Exception {
        try {
            Map<String, String> options = Options.parse(args, Plan.DEFAULTS);
            Plan plan = Plan.of(options);
            List<Path> forms = forms(Path.of(options.get("--data")), plan);
            new LoadGenerator(URI.create(options.get("--gateway")), plan,
                    new CpuMeter(Path.of("/proc"), Path.of(options.get("--pids")), ProcessHandle.current().pid()))
                    .run(forms);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The forms the run takes, in family order after {@code --skip}; the open loop's must all be there. */
    private static List<Path> forms(Path data, Plan plan) throws IOException {
        List<Path> forms;
        if (!Files.isDirectory(data.resolve("applications"))) {
            throw new IllegalArgumentException("no data set in " + data + " (no applications/ folder): start the "
                    + "platform with scripts/run-platform.sh, or give the one it runs with in --data");
        }
        try (Stream<Path> files = Files.list(data.resolve("applications"))) {
            // By family number: past family-99999.json the names are wider (family-100000.json).
            forms = files.filter(f -> f.toString().endsWith(".json"))
                    .sorted(Comparator.comparingInt((Path f) -> f.getFileName().toString().length())
                            .thenComparing(f -> f.getFileName().toString()))
                    .skip(plan.skip()).limit(plan.families()).toList();
        }
        if (plan.openLoop() && forms.size() < plan.families()) {
            throw new IllegalArgumentException(("%s needs %d families after --skip %d, and %s/applications has %d: "
                    + "start the platform with DEMO_FAMILIES=%d or more (each family can be submitted once)")
                    .formatted(plan.describe(), plan.families(), plan.skip(), data, forms.size(),
                            plan.families() + plan.skip()));
        }
        if (forms.isEmpty()) {
            throw new IllegalArgumentException("no family forms in " + data + "/applications (after --skip "
                    + plan.skip() + "): start the platform with more DEMO_FAMILIES");
        }
        return forms;
    }

    private void run(List<Path> forms) throws InterruptedException {
        System.out.printf("signing in %d mothers (not timed) ...%n", forms.size());
        List<Family> families = signIn(forms);
        System.out.printf("%s, from %s%n", plan.describe(), families.getFirst().form());
        Submissions submissions = new Submissions();
        List<CompletableFuture<Outcome>> followed = Collections.synchronizedList(new ArrayList<>());
        Percentiles lag = new Percentiles();
        try (Follower follower = new Follower(http, gateway, plan.pollRate(), plan.conditional(), plan.live())) {
            CpuMeter.Sample atStart = cpu.sample();
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            Thread progress = Thread.ofVirtual().start(() -> progress(t0, submissions, follower));
            ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
            boolean ranOut = false;
            Duration window;
            CpuMeter.Sample atWindowEnd;
            if (plan.openLoop()) {
                Schedule schedule = new Schedule(plan.rate(), plan.duration());
                for (int i = 0; i < schedule.size(); i++) {
                    long due = t0 + schedule.dueNanos(i);
                    sleepUntil(due);
                    lag.add(Duration.ofNanos(System.nanoTime() - due));
                    Family family = families.get(i);
                    posts.submit(() -> submit(family, follower, submissions, followed));
                }
                sleepUntil(t0 + plan.duration().toNanos());
                window = Duration.ofNanos(System.nanoTime() - t0);
                atWindowEnd = cpu.sample();
                posts.close(); // the last POSTs' answers
            } else {
                long end = plan.duration().isZero() ? Long.MAX_VALUE : t0 + plan.duration().toNanos();
                AtomicInteger next = new AtomicInteger();
                for (int client = 0; client < plan.concurrency(); client++) {
                    posts.submit(() -> {
                        for (int i = next.getAndIncrement(); i < families.size() && System.nanoTime() < end;
                             i = next.getAndIncrement()) {
                            CompletableFuture<Outcome> outcome = file(families.get(i), end, follower, submissions,
                                    followed);
                            if (plan.awaitFinal() && outcome != null) {
                                outcome.join();
                            }
                        }
                    });
                }
                posts.close();
                window = Duration.ofNanos(System.nanoTime() - t0);
                atWindowEnd = cpu.sample();
                ranOut = !plan.duration().isZero() && System.nanoTime() < end;
            }
            System.out.printf("submitting over after %s s; following %d accepted applications to a final state "
                    + "(each up to %s s after its POST) ...%n", Report.decimal(window.toMillis() / 1000.0),
                    followed.size(), Plan.seconds(plan.timeout()));
            CompletableFuture.allOf(followed.toArray(CompletableFuture[]::new)).join();
            Duration run = Duration.ofNanos(System.nanoTime() - t0);
            CpuMeter.Sample atEnd = cpu.sample();
            progress.interrupt();
            List<Outcome> outcomes = followed.stream().map(CompletableFuture::join).toList();
            new Report(plan, families.size(), start, window, ranOut, submissions, outcomes, lag,
                    CpuMeter.Usage.between(atStart, atWindowEnd), CpuMeter.Usage.between(atStart, atEnd),
                    follower.following(), run).lines()
                    .forEach(System.out::println);
        }
    }

    /**
     * A client of the closed loop files one family's form as a portal does: when refused with {@code Retry-After}
     * it waits as asked and posts the same form again, until accepted, refused for good, or the run (or
     * {@code --timeout} from the first POST) is over first. The accepted application's outcome to come, else null.
     */
    private CompletableFuture<Outcome> file(Family family, long end, Follower follower, Submissions submissions,
                                            List<CompletableFuture<Outcome>> followed) {
        long giveUpAt = System.nanoTime() + plan.timeout().toNanos();
        Posted posted = submit(family, follower, submissions, followed);
        while (posted.comeBackAfter().isPresent()) {
            long again = System.nanoTime() + posted.comeBackAfter().get().toNanos();
            if (again >= end || again >= giveUpAt) {
                submissions.gaveUp();
                return null;
            }
            try {
                sleepUntil(again);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            submissions.refiled();
            posted = submit(family, follower, submissions, followed);
        }
        return posted.outcome();
    }

    /**
     * What one POST came to: the accepted application's outcome to come (null when not accepted), and, for a
     * refusal that carried {@code Retry-After}, when it may be posted again.
     */
    private record Posted(CompletableFuture<Outcome> outcome, Optional<Duration> comeBackAfter) {

        static final Posted NOTHING = new Posted(null, Optional.empty());
    }

    /** Posts one family's form; an accepted application is followed. */
    private Posted submit(Family family, Follower follower, Submissions submissions,
                          List<CompletableFuture<Outcome>> followed) {
        Instant postedAt = Instant.now();
        long posted = System.nanoTime();
        boolean answered = false;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/applications"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", family.bearer())
                    .POST(HttpRequest.BodyPublishers.ofString(family.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
            submissions.record(String.valueOf(answer.statusCode()), Duration.ofNanos(System.nanoTime() - posted),
                    retryAfter.isPresent());
            answered = true;
            if (answer.statusCode() != 201) {
                return new Posted(null, RetryAfter.of(answer.statusCode(), retryAfter, Instant.now()));
            }
            CompletableFuture<Outcome> outcome = follower.follow(JSON.readTree(answer.body()).get("id").asString(),
                    family.bearer(), postedAt, posted, plan.timeout());
            followed.add(outcome);
            return new Posted(outcome, Optional.empty());
        } catch (IOException | RuntimeException e) {
            if (answered) {
                // A client of the closed loop must not die of it: the platform's bug, shown and not followed.
                System.err.println("a 201 without an application id: " + e);
            } else {
                submissions.record(e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - posted), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Posted.NOTHING;
    }

    /** Every family's mother signs in, as many at once as {@code --concurrency}; any failure ends the run. */
    private List<Family> signIn(List<Path> forms) throws InterruptedException {
        Map<Path, Family> families = new ConcurrentHashMap<>();
        AtomicReference<String> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(plan.concurrency());
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Path form : forms) {
                inFlight.acquire();
                if (failure.get() != null) {
                    break;
                }
                workers.submit(() -> {
                    try {
                        String name = form.getFileName().toString();
                        String body = Files.readString(form);
                        String token = signIn(name, JSON.readTree(body).get("mother").get("idNumber").asString());
                        families.put(form, new Family(name, body, "Bearer " + token));
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, form.getFileName() + ": " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a mother could not sign in (is the platform running, with the dev profile "
                    + "and this data set?): " + failure.get());
        }
        return forms.stream().map(families::get).toList();
    }

    /** The family's mother signs in: a citizen token with her ID number. */
    private String signIn(String family, String motherIdNumber) throws IOException, InterruptedException {
        String request = JSON.writeValueAsString(Map.of("subject", "bench-" + family.replace(".json", ""),
                "roles", List.of("CITIZEN"), "idNumber", motherIdNumber));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/dev/tokens"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("the dev token endpoint answered " + answer.statusCode());
        }
        return JSON.readTree(answer.body()).get("accessToken").asString();
    }

    /** Every 10 s while it runs, how far it is: a long run (an overload's backlog) shows it is alive. */
    private static void progress(long t0, Submissions submissions, Follower follower) {
        try {
            while (true) {
                Thread.sleep(PROGRESS_EVERY);
                System.out.printf("  %4d s: %d POSTs answered, %d accepted, %d of them at their end%n",
                        Duration.ofNanos(System.nanoTime() - t0).toSeconds(), submissions.total(),
                        submissions.count("201"), follower.ended());
            }
        } catch (InterruptedException e) {
            // The run is over.
        }
    }

    /** Waits until {@code System.nanoTime()} reaches {@code nanos}: the open loop's timetable. */
    private static void sleepUntil(long nanos) throws InterruptedException {
        for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
