package cn.gov.birth.platform.events;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A catalog of one made-up event, so the platform's mechanisms are tested without any domain. */
public final class TestEvents implements EventCatalog {

    public static final String TOPIC = "test.pings.v1";
    public static final String TYPE = "test.Ping.v1";

    /** Something that happened to {@code subject}; events of one subject share a key. */
    public record Ping(UUID eventId, String subject, String text) {

        public static Ping of(String subject, String text) {
            return new Ping(UUID.randomUUID(), subject, text);
        }
    }

    private static final Map<String, Class<?>> TYPES = Map.of(TYPE, Ping.class);

    @Override
    public String typeOf(Object event) {
        return TYPES.entrySet().stream().filter(e -> e.getValue().isInstance(event)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("not a test event: " + event));
    }

    @Override
    public Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    @Override
    public UUID idOf(Object event) {
        return ((Ping) event).eventId();
    }

    @Override
    public String keyOf(Object event) {
        return ((Ping) event).subject();
    }

    @Override
    public Collection<String> topics() {
        return List.of(TOPIC);
    }

    @Override
    public String deadLetterTopic(String topic) {
        return topic + ".dlt";
    }
}
