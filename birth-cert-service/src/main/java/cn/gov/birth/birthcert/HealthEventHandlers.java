package cn.gov.birth.birthcert;

import cn.gov.birth.birthcert.certificate.BirthCertificates;
import cn.gov.birth.birthcert.guidance.ParentingGuidance;
import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the health department's service does with each event: accepted applications go to the certificate and the guidance enrollment. */
@Configuration(proxyBeanMethods = false)
class HealthEventHandlers {

    @Bean
    EventHandlers eventHandlers(BirthCertificates certificates, ParentingGuidance guidance, Withdrawals withdrawals) {
        return EventHandlers.forTopic(Topics.APPLICATION)
                .on(ApplicationSubmitted.class, certificates::on)
                .on(ApplicationSubmitted.class, guidance::on)
                .on(ApplicationSupplemented.class, supplement -> {
                    if (supplement.resumes(Item.BIRTH_CERT)) {
                        certificates.on(supplement.corrected());
                    }
                })
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .build();
    }
}
