package cn.gov.birth.insurance;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.insurance.enrollment.Enrollments;
import cn.gov.birth.insurance.maternity.MaternityReimbursements;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the medical insurance bureau's service does with each event: maternity reimbursement on the
 * application, the enrollment once the household registration is there.
 */
@Configuration(proxyBeanMethods = false)
class InsuranceEventHandlers {

    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, Enrollments enrollments,
                                MaternityReimbursements maternity, Withdrawals withdrawals) {
        return EventHandlers.forTopic(Topics.APPLICATION)
                .on(ApplicationSubmitted.class, maternity::on)
                .on(ApplicationSupplemented.class, supplement -> {
                    if (supplement.resumes(Item.MATERNITY_REIMBURSEMENT)) {
                        maternity.on(supplement.corrected());
                    }
                })
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(dependentItems.waiting(Item.MEDICAL_INSURANCE, Item.HUKOU, enrollments::enroll))
                .build();
    }
}
