package cn.gov.birth.sscard;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.supervision.OverdueNotices;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.security.PartnerRoute;
import cn.gov.birth.sscard.bank.CardCallbacks;
import cn.gov.birth.sscard.card.CardApplications;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The HR and social security bureau's part: the social security card application; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SscardServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SscardServiceApplication.class, args);
    }

    /** What the service does with each event: the card waits for the household registration. */
    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, CardApplications cards,
                                Withdrawals withdrawals, ReviewQueue<?> review,
                                OverdueNotices overdue) {
        return EventHandlers.forTopic(Topics.applicationsFor(Department.HUMAN_RESOURCES))
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .on(ItemWentOverdue.class, overdue::onOverdue)
                .include(dependentItems.waiting(Item.SOCIAL_SECURITY_CARD, Item.HUKOU, cards::apply))
                .include(review.followUps())
                .build();
    }

    /** Beyond the platform's own routes (review queue, reference data): the card-making banks' signed callbacks. */
    @Bean
    PartnerRoute cardCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, CardCallbacks.PATH, id -> id.startsWith(CardCallbacks.PARTNER_PREFIX));
    }
}
