package cn.gov.birth.birthcert;

import cn.gov.birth.birthcert.certificate.BirthCertificates;
import cn.gov.birth.birthcert.certificate.Certification;
import cn.gov.birth.birthcert.guidance.ParentingGuidance;
import cn.gov.birth.contracts.Item;
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
import cn.gov.birth.platform.security.Access;
import cn.gov.birth.platform.security.AccessRules;
import cn.gov.birth.security.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The health department's part: the birth medical certificate and parenting-guidance enrollment; its wiring. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BirthCertServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BirthCertServiceApplication.class, args);
    }

    /** Accepted applications go to the certificate and the guidance enrollment. */
    @Bean
    EventHandlers eventHandlers(BirthCertificates certificates, ParentingGuidance guidance,
                                Withdrawals withdrawals, ReviewQueue<?> review,
                                OverdueNotices overdue) {
        return EventHandlers.forTopic(Topics.applicationsFor(Department.HEALTH))
                .on(ApplicationSubmitted.class, certificates::on)
                .on(ApplicationSubmitted.class, guidance::on)
                .on(ApplicationSupplemented.class, supplement -> {
                    if (supplement.resumes(Item.BIRTH_CERT)) {
                        certificates.on(supplement.corrected());
                    }
                })
                .on(ApplicationWithdrawn.class, withdrawals::onWithdrawn)
                .include(review.followUps())
                .on(ItemWentOverdue.class, overdue::onOverdue)
                .build();
    }

    /** The certificate issuers' review (a rare character in the name): approval issues the certificate. */
    @Bean
    ReviewQueue<Certification> reviewQueue(ReviewQueues queues) {
        return queues.of(Certification.class);
    }

    /** Health staff, for the quarterly stub handover. */
    @Bean
    AccessRules stubHandoverAccess() {
        return routes -> routes.requestMatchers(HttpMethod.GET, "/api/v1/departments/HEALTH/stub-handovers")
                .access(Access.ofDepartment(Role.STAFF, "HEALTH"))
                .requestMatchers(HttpMethod.POST, "/api/v1/departments/HEALTH/stub-handovers")
                .access(Access.ofDepartment(Role.STAFF, "HEALTH"));
    }
}
