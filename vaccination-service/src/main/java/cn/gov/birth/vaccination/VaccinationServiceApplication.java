package cn.gov.birth.vaccination;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.contracts.Topics;
import cn.gov.birth.contracts.events.ApplicationSubmitted;
import cn.gov.birth.contracts.events.ApplicationSupplemented;
import cn.gov.birth.contracts.events.ApplicationWithdrawn;
import cn.gov.birth.contracts.events.ItemWentOverdue;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import cn.gov.birth.kit.supervision.OverdueNotices;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.vaccination.certificate.DeferredDose;
import cn.gov.birth.vaccination.certificate.VaccinationCertificates;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The CDC's part: the electronic vaccination certificate; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VaccinationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VaccinationServiceApplication.class, args);
    }

    /** Applications, supplements and withdrawals go to the vaccination certificate. */
    @Bean
    EventHandlers eventHandlers(VaccinationCertificates certificates, Withdrawals withdrawals, ReviewQueue<?> review,
                                OverdueNotices overdue) {
        return EventHandlers.forTopic(Topics.applicationsFor(Department.CDC))
                .on(ApplicationSubmitted.class, certificates::on)
                .on(ApplicationSupplemented.class, certificates::onSupplement)
                // The item stops waiting for its dose record before the withdrawal cancels it.
                .on(ApplicationWithdrawn.class, certificates::onWithdrawn)
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(review.followUps())
                .on(ItemWentOverdue.class, overdue::onOverdue)
                .build();
    }

    /**
     * The review of a deferred hepatitis B first dose: approval (the doctor noted the deferral) issues
     * the certificate, which records it; a return or a rejection carries the officer's reason.
     */
    @Bean
    ReviewQueue<DeferredDose> reviewQueue(ReviewQueues queues) {
        return queues.of(DeferredDose.class);
    }
}
