package cn.gov.birth.insurance;

import cn.gov.birth.contracts.Item;
import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.insurance.enrollment.Enrollments;
import cn.gov.birth.insurance.enrollment.PaymentCallbackController;
import cn.gov.birth.insurance.maternity.ManualClaimSettings;
import cn.gov.birth.insurance.maternity.MaternityReimbursements;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.supervision.OverdueNotices;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.security.PartnerRoute;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The medical insurance bureau's part: resident enrollment and maternity reimbursement; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class InsuranceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InsuranceServiceApplication.class, args);
    }

    /**
     * What the service does with each event: maternity reimbursement on the application, the
     * enrollment once the household registration is there.
     */
    @Bean
    EventHandlers eventHandlers(DependentItems dependentItems, Enrollments enrollments,
                                MaternityReimbursements maternity, Withdrawals withdrawals, ReviewQueue<?> review,
                                OverdueNotices overdue) {
        return EventHandlers.forTopic(Topics.applicationsFor(Department.MEDICAL_INSURANCE))
                .on(ApplicationSubmitted.class, maternity::on)
                .on(ApplicationSupplemented.class, supplement -> {
                    if (supplement.resumes(Item.MATERNITY_REIMBURSEMENT)) {
                        maternity.on(supplement.corrected());
                    }
                })
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .on(ItemWentOverdue.class, overdue::onOverdue)
                .include(dependentItems.waiting(Item.MEDICAL_INSURANCE, Item.HUKOU, enrollments::enroll))
                .include(review.followUps())
                .build();
    }

    /** A manual maternity claim's bank account, once the claim ended unpaid. */
    @Bean
    Purge unpaidMaternityClaims(ManualClaimSettings claims) {
        return MaternityReimbursements.unpaidClaims(claims.unpaidAccountKept());
    }

    /** Beyond the platform's own routes (review queue, reference data): the tax channel's signed reports. */
    @Bean
    PartnerRoute paymentCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, PaymentCallbackController.PATH,
                PaymentCallbackController.PARTNER::equals);
    }
}
