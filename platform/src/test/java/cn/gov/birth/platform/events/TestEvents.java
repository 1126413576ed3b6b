package cn.gov.birth.platform.events;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A catalog of one event type on one topic, so the platform's mechanisms are tested without any
 * domain; {@link #pings()} is the made-up one most tests use.
 */
public record TestEvents<E>(String topic, String type, Class<E> eventClass, Function<E, UUID> id,
                            Function<E, String> key) implements EventCatalog {

    public static final String TOPIC = "test.pings.v1";
    public static final String TYPE = "test.Ping.v1";

    /** Something that happened to {@code subject}; events of one subject share a key. */
    public record Ping(UUID eventId, String subject, String text) {

        public static Ping of(String subject, String text) {
            return new Ping(UUID.randomUUID(), subject, text);
        }
    }

    public static TestEvents<Ping> pings() {
        return new TestEvents<>(TOPIC, TYPE, Ping.class, Ping::eventId, Ping::subject);
    }

    @Override
    public String typeOf(Object event) {
        if (!eventClass.isInstance(event)) {
            throw new IllegalArgumentException("not a " + type + ": " + event);
        }
        return type;
    }

    @Override
    public Optional<Class<?>> classOf(String type) {
        return this.type.equals(type) ? Optional.of(eventClass) : Optional.empty();
    }

    @Override
    public UUID idOf(Object event) {
        return id.apply(eventClass.cast(event));
    }

    @Override
    public String keyOf(Object event) {
        return key.apply(eventClass.cast(event));
    }

    @Override
    public Collection<String> topics() {
        return List.of(topic);
    }

    @Override
    public String deadLetterTopic(String topic) {
        return topic + ".dlt";
    }
}
