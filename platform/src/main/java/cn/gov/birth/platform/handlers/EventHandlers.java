package cn.gov.birth.platform.handlers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A service's table of event handlers: per topic, which events it handles and how. Built once per
 * service ({@code forTopic(...).on(...)}); {@link EventHandlerListeners} subscribes to its topics.
 * Every handler whose event type fits runs, in the order declared, in the one transaction that
 * records the event as processed; an event no handler takes is ignored.
 */
public final class EventHandlers {

    private final Map<String, List<Handler<?>>> byTopic;

    private EventHandlers(Map<String, List<Handler<?>>> byTopic) {
        this.byTopic = byTopic;
    }

    public static Builder forTopic(String topic) {
        return new Builder().forTopic(topic);
    }

    public Set<String> topics() {
        return byTopic.keySet();
    }

    /** The handlers of an event on the topic, in the order declared; empty for an event the service ignores. */
    List<Consumer<Object>> handlersOf(String topic, Object event) {
        return byTopic.getOrDefault(topic, List.of()).stream()
                .filter(handler -> handler.type().isInstance(event))
                .map(Handler::untyped)
                .toList();
    }

    private record Handler<E>(Class<E> type, Consumer<? super E> effect) {

        Consumer<Object> untyped() {
            return event -> effect.accept(type.cast(event));
        }
    }

    public static final class Builder {

        private final Map<String, List<Handler<?>>> byTopic = new LinkedHashMap<>();
        private String topic;

        private Builder() {
        }

        public Builder forTopic(String topic) {
            this.topic = topic;
            byTopic.computeIfAbsent(topic, t -> new ArrayList<>());
            return this;
        }

        /** Handles events of {@code type} (and its subtypes) on the current topic. */
        public <E> Builder on(Class<E> type, Consumer<? super E> effect) {
            byTopic.get(topic).add(new Handler<>(type, effect));
            return this;
        }

        /** Adds another table's handlers after those declared so far (a dependent item's, say). */
        public Builder include(EventHandlers other) {
            other.byTopic.forEach((otherTopic, handlers) ->
                    byTopic.computeIfAbsent(otherTopic, t -> new ArrayList<>()).addAll(handlers));
            return this;
        }

        public EventHandlers build() {
            Map<String, List<Handler<?>>> table = new LinkedHashMap<>();
            byTopic.forEach((t, handlers) -> table.put(t, List.copyOf(handlers)));
            return new EventHandlers(table);
        }
    }
}
