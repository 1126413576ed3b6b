package cn.gov.birth.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A Server-Sent Events client for tests, reading {@code text/event-stream} lines as a portal's
 * EventSource does: {@code id:}, {@code event:} and {@code data:} fields make an event, a blank line
 * sends it, comments ({@code :}) are skipped.
 */
public final class EventStream implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Put on the queue when the server ends the stream. */
    private static final Event END = new Event(null, null, null);

    public record Event(String id, String name, String data) {

        public JsonNode json() {
            return JsonHttp.JSON.readTree(data);
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean ended;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread.ofVirtual().start(this::read);
        } else {
            response.body().close();
            ended = true;
        }
    }

    /**
     * Connects to {@code url} with the token (none: {@code null}) and, when resuming, the last event
     * id seen; returns once the response's headers arrived.
     */
    public static EventStream open(String url, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventStream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The next event, or empty when the server ended the stream; fails when none came within {@code atMost}. */
    public Optional<Event> next(Duration atMost) {
        try {
            Event event = ended && events.isEmpty() ? END : events.poll(atMost.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + atMost);
            }
            if (event == END) {
                ended = true;
                return Optional.empty();
            }
            return Optional.of(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event until the server ends the stream, each within {@code atMost} of the one before. */
    public List<Event> untilEnd(Duration atMost) {
        List<Event> all = new ArrayList<>();
        for (Optional<Event> event = next(atMost); event.isPresent(); event = next(atMost)) {
            all.add(event.get());
        }
        return all;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                        }
                    }
                }
            }
        } catch (UncheckedIOException closed) {
            // The test closed the stream, or the connection broke: either way it ended.
        } finally {
            events.add(END);
        }
    }

    /** Disconnects, as a client that goes away mid-stream. */
    @Override
    public void close() {
        response.body().close();
    }
}
