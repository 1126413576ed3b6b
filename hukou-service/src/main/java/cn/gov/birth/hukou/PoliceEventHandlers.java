package cn.gov.birth.hukou;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.hukou.registration.HouseholdRegistrations;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the police's service does with each event: the registration waits for the birth certificate. */
@Configuration(proxyBeanMethods = false)
class PoliceEventHandlers {

    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, HouseholdRegistrations registrations,
                                Withdrawals withdrawals) {
        return EventHandlers.forTopic(Topics.APPLICATION)
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(dependentItems.waiting(Item.HUKOU, Item.BIRTH_CERT,
                        registrations::register))
                .build();
    }
}
