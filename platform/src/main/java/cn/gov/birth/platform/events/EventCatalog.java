package cn.gov.birth.platform.events;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The events a system publishes and consumes, as the platform needs to know them: their
 * CloudEvents type, identity and key, and the topics they travel on. The platform itself knows
 * no domain; the system supplies one catalog bean.
 */
public interface EventCatalog {

    /** The {@code ce_type} of an event record; fails for an event that is not in the catalog. */
    String typeOf(Object event);

    /** The event record class of a {@code ce_type}; empty for an unknown type. */
    Optional<Class<?>> classOf(String type);

    /** The event's own id: consumers handle each id once. */
    UUID idOf(Object event);

    /** The Kafka key: the events of one aggregate share it, so they keep their order. */
    String keyOf(Object event);

    /** Every topic, to be declared with the configured partitions. */
    Collection<String> topics();

    /** Where records of {@code topic} that cannot be handled go. */
    String deadLetterTopic(String topic);
}
