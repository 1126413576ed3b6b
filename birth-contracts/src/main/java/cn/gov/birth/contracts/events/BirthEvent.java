package cn.gov.birth.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A fact published by one service of the platform. Every event names its application, which is
 * also the Kafka key, so that all facts about one application arrive in order.
 */
public interface BirthEvent {

    /** Unique per event, equal to the CloudEvents {@code ce_id} header; consumers deduplicate on it. */
    UUID eventId();

    UUID applicationId();

    Instant occurredAt();
}
