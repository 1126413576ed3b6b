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
 * records the event as processed; an event no handler takes is ignored. A {@link Builder#beforeHandlers
 * preparation} runs once per poll, before the handlers, with the poll's new events of its type.
 */
public final class EventHandlers {

    private final Map<String, List<Handler<?>>> byTopic;
    private final List<Preparation<?>> preparations;

    private EventHandlers(Map<String, List<Handler<?>>> byTopic, List<Preparation<?>> preparations) {
        this.byTopic = byTopic;
        this.preparations = preparations;
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

    /** Runs the preparations on a poll's new events (those about to be handled, in order). */
    void prepare(List<Object> events) {
        preparations.forEach(preparation -> preparation.run(events));
    }

    private record Preparation<E>(Class<E> type, Consumer<? super List<E>> step) {

        void run(List<Object> events) {
            List<E> mine = events.stream().filter(type::isInstance).map(type::cast).toList();
            if (!mine.isEmpty()) {
                step.accept(mine);
            }
        }
    }

    private record Handler<E>(Class<E> type, Consumer<? super E> effect) {

        Consumer<Object> untyped() {
            return event -> effect.accept(type.cast(event));
        }
    }

    public static final class Builder {

        private final Map<String, List<Handler<?>>> byTopic = new LinkedHashMap<>();
        private final List<Preparation<?>> preparations = new ArrayList<>();
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

        /**
         * Runs {@code step} once per poll, in its transaction and before any handler, with the poll's new events
         * of {@code type} (from every topic, in order; not called when there are none): to read at once what
         * their handlers would each read. A poll handled one event at a time (after a failure) skips it, so a
         * handler must not depend on it.
         */
        public <E> Builder beforeHandlers(Class<E> type, Consumer<? super List<E>> step) {
            preparations.add(new Preparation<>(type, step));
            return this;
        }

        /** Adds another table's handlers after those declared so far (a dependent item's, say), and its preparations. */
        public Builder include(EventHandlers other) {
            other.byTopic.forEach((otherTopic, handlers) ->
                    byTopic.computeIfAbsent(otherTopic, t -> new ArrayList<>()).addAll(handlers));
            preparations.addAll(other.preparations);
            return this;
        }

        public EventHandlers build() {
            Map<String, List<Handler<?>>> table = new LinkedHashMap<>();
            byTopic.forEach((t, handlers) -> table.put(t, List.copyOf(handlers)));
            return new EventHandlers(table, List.copyOf(preparations));
        }
    }
}
