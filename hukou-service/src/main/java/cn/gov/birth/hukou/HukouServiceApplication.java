package cn.gov.birth.hukou;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.hukou.registration.CitizenRegistration.Birth;
import cn.gov.birth.hukou.registration.HouseholdRegistrations;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import cn.gov.birth.kit.supervision.OverdueNotices;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/** The police's part: birth household registration and the newborn's citizen ID number; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HukouServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HukouServiceApplication.class, args);
    }

    /** The registration waits for the birth certificate. */
    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, HouseholdRegistrations registrations,
                                Withdrawals withdrawals, ReviewQueue<?> review,
                                OverdueNotices overdue) {
        return EventHandlers.forTopic(Topics.applicationsFor(Department.POLICE))
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .on(ItemWentOverdue.class, overdue::onOverdue)
                .include(dependentItems.waiting(Item.HUKOU, Item.BIRTH_CERT, registrations::register))
                .include(review.followUps())
                .build();
    }

    /**
     * The household registration officers' review: an approved registration is made as the rules
     * would ({@link HouseholdRegistrations}); staff see the birth to register.
     */
    @Bean
    ReviewQueue<Birth> reviewQueue(ReviewQueues queues) {
        return queues.of(Birth.class);
    }

    /** Police staff, for the stations' printing notices. */
    @Bean
    AccessRules printingNoticeAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/POLICE/printing-notices")
                .access(Access.ofDepartment(Role.STAFF, "POLICE"));
    }
}
