package cn.gov.birth.vaccination;

import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.vaccination.certificate.VaccinationCertificates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the CDC's service does with each event: applications, supplements and withdrawals go to the vaccination certificate. */
@Configuration(proxyBeanMethods = false)
class CdcEventHandlers {

    @Bean
    EventHandlers eventHandlers(VaccinationCertificates certificates, Withdrawals withdrawals) {
        return EventHandlers.forTopic(Topics.APPLICATION)
                .on(ApplicationSubmitted.class, certificates::on)
                .on(ApplicationSupplemented.class, certificates::onSupplement)
                // The item stops waiting for its dose record before the withdrawal cancels it.
                .on(ApplicationWithdrawn.class, certificates::onWithdrawn)
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .build();
    }
}
