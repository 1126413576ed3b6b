package cn.gov.birth.events;

import cn.gov.birth.contracts.EventTypes;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.BirthEvent;
import cn.gov.birth.platform.audit.AuditRecorded;
import cn.gov.birth.platform.events.EventCatalog;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The contracts' events for the platform: types from {@link EventTypes}, keyed by application, on {@link Topics};
 * and the platform's own {@link AuditRecorded}, keyed by its service (its topic the platform declares itself).
 */
public final class BirthEventCatalog implements EventCatalog {

    @Override
    public String typeOf(Object event) {
        if (event instanceof AuditRecorded) {
            return AuditRecorded.TYPE;
        }
        return EventTypes.typeOf(birthEvent(event).getClass());
    }

    @Override
    public Optional<Class<?>> classOf(String type) {
        if (AuditRecorded.TYPE.equals(type)) {
            return Optional.of(AuditRecorded.class);
        }
        return EventTypes.classOf(type).map(eventClass -> eventClass);
    }

    @Override
    public UUID idOf(Object event) {
        if (event instanceof AuditRecorded audit) {
            return audit.eventId();
        }
        return birthEvent(event).eventId();
    }

    /** Every event of an application shares its key: its facts stay in order on one partition (a chain's too). */
    @Override
    public String keyOf(Object event) {
        if (event instanceof AuditRecorded audit) {
            return audit.service();
        }
        return birthEvent(event).applicationId().toString();
    }

    @Override
    public Collection<String> topics() {
        return Topics.ALL;
    }

    @Override
    public String deadLetterTopic(String topic) {
        return Topics.deadLetter(topic);
    }

    private static BirthEvent birthEvent(Object event) {
        if (event instanceof BirthEvent birthEvent) {
            return birthEvent;
        }
        throw new IllegalArgumentException("not a birth event: " + (event == null ? null : event.getClass().getName()));
    }
}
