package cn.gov.birth.benchmark;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run does, from the command line's options: open loop ({@code --rate R --duration S}: R
 * applications a second on a fixed schedule, whatever the answers) or closed loop
 * ({@code --concurrency N}: N clients, each posting its next application when its last one is
 * answered, or, with {@code --await final}, when it is final; until {@code --limit} families are
 * submitted or, with {@code --duration}, that time is over).
 *
 * @param rate        applications a second (open loop); 0 for closed loop
 * @param duration    how long to submit; {@link Duration#ZERO}: until the families run out (closed loop only)
 * @param concurrency clients of the closed loop, and how many mothers sign in at once before any run
 * @param awaitFinal  closed loop: a client waits for its application's final state before posting the next
 * @param limit       at most this many families (closed loop)
 * @param skip        families skipped first (family 1 is the README's sample)
 * @param timeout     how long each accepted application is followed after its POST
 * @param pollRate    at most this many GETs a second, all followed applications together
 * @param conditional each GET after the first sends the ETag of the last answer ({@code If-None-Match}), as a
 *                    portal that keeps it does ({@code --etag on}); {@code --etag off}: a portal that does not
 * @param live        each application is followed on its status stream, then one GET ({@code --follow stream}, as
 *                    a portal that shows progress live); {@code --follow poll}: by GETs only
 */
record Plan(double rate, Duration duration, int concurrency, boolean awaitFinal, long limit, long skip,
            Duration timeout, double pollRate, boolean conditional, boolean live) {

    /** The options and their defaults, in the order the usage lists them. */
    static final Map<String, String> DEFAULTS = ordered("--rate", "0", "--duration", "0", "--concurrency", "8",
            "--await", "auto", "--limit", "1000000", "--skip", "1", "--timeout", "300", "--poll-rate", "50",
            "--etag", "on", "--follow", "stream", "--gateway", "http://127.0.0.1:8080", "--data", ".run/reference-data",
            "--pids", ".run/pids");

    Plan {
        if (rate < 0 || concurrency < 1 || limit < 0 || skip < 0 || pollRate <= 0 || duration.isNegative()
                || timeout.isNegative()) {
            throw new IllegalArgumentException("--rate, --duration, --limit, --skip and --timeout must not be "
                    + "negative; --concurrency and --poll-rate must be positive");
        }
        if (rate > 0 && duration.isZero()) {
            throw new IllegalArgumentException("--rate needs --duration SECONDS: how long to submit at that rate");
        }
    }

    /** The plan of these options ({@link Options#parse} over {@link #DEFAULTS}). */
    static Plan of(Map<String, String> options) {
        double rate = number(options, "--rate");
        Duration duration = Duration.ofMillis(Math.round(number(options, "--duration") * 1000));
        String await = options.get("--await");
        boolean awaitFinal = switch (await) {
            case "final" -> true;
            case "response" -> false;
            // As before there was --duration: a client follows its application to the end.
            case "auto" -> duration.isZero();
            default -> throw new IllegalArgumentException("--await is final or response, not " + await);
        };
        if (rate > 0 && "final".equals(await)) {
            throw new IllegalArgumentException("--await final is for the closed loop: --rate submits on a schedule");
        }
        String etag = options.get("--etag");
        boolean conditional = switch (etag) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--etag is on or off, not " + etag);
        };
        String follow = options.get("--follow");
        boolean live = switch (follow) {
            case "stream" -> true;
            case "poll" -> false;
            default -> throw new IllegalArgumentException("--follow is stream or poll, not " + follow);
        };
        return new Plan(rate, duration, (int) number(options, "--concurrency"), rate == 0 && awaitFinal,
                (long) number(options, "--limit"), (long) number(options, "--skip"),
                Duration.ofMillis(Math.round(number(options, "--timeout") * 1000)), number(options, "--poll-rate"),
                conditional, live);
    }

    boolean openLoop() {
        return rate > 0;
    }

    /** How many families the run needs at most: rate × duration in open loop, else {@code --limit}. */
    long families() {
        return openLoop() ? new Schedule(rate, duration).size() : limit;
    }

    /** How the run is described in its report. */
    String describe() {
        if (openLoop()) {
            return "open loop: %s applications/s for %s s".formatted(Report.decimal(rate), seconds(duration));
        }
        return "closed loop: %d clients posting %s, %s".formatted(concurrency,
                awaitFinal ? "each when its last application is final" : "back to back (each when its last POST is answered)",
                duration.isZero() ? "through the data set's families (at most %d)".formatted(limit)
                        : "for %s s (at most %d families)".formatted(seconds(duration), limit));
    }

    static String seconds(Duration d) {
        return Report.decimal(d.toMillis() / 1000.0);
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(options);
    }

    private static double number(Map<String, String> options, String name) {
        try {
            return Double.parseDouble(options.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a number, not " + options.get(name), e);
        }
    }
}
