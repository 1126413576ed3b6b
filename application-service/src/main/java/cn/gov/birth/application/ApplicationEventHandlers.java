package cn.gov.birth.application;

import cn.gov.birth.application.aggregation.DepartmentFacts;
import cn.gov.birth.application.audit.AuditLog;
import cn.gov.birth.application.followup.FollowUps;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.FollowUpAnswered;
import cn.gov.birth.contracts.events.ItemFact;
import cn.gov.birth.platform.audit.AuditRecorded;
import cn.gov.birth.platform.handlers.EventHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the single window does with each event: every department's facts update their application
 * (a poll's applications locked and read together first), its answers to the families' 差评 and
 * complaints are recorded and told them, and every service's audit entries go into the auditors' copy.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationEventHandlers {

    @Bean
    EventHandlers eventHandlers(DepartmentFacts facts, FollowUps followUps, AuditLog auditLog) {
        return EventHandlers.forTopic(Topics.BIRTH_CERT).on(ItemFact.class, facts::apply)
                .forTopic(Topics.VACCINATION).on(ItemFact.class, facts::apply)
                .forTopic(Topics.HUKOU).on(ItemFact.class, facts::apply)
                .forTopic(Topics.INSURANCE).on(ItemFact.class, facts::apply)
                .forTopic(Topics.SSCARD).on(ItemFact.class, facts::apply)
                .forTopic(Topics.FOLLOW_UP_ANSWERS).on(FollowUpAnswered.class, followUps::answered)
                .forTopic(Topics.AUDIT).on(AuditRecorded.class, auditLog::store)
                .beforeHandlers(ItemFact.class, facts::prepare)
                .build();
    }
}
