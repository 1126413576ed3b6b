package cn.gov.birth.sscard;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.sscard.card.CardApplications;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the HR and social security bureau's service does with each event: the card waits for the household registration. */
@Configuration(proxyBeanMethods = false)
class HumanResourcesEventHandlers {

    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, CardApplications cards, Withdrawals withdrawals) {
        return EventHandlers.forTopic(Topics.APPLICATION)
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(dependentItems.waiting(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, cards::apply))
                .build();
    }
}
