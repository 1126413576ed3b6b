package cn.gov.birth.application;

import cn.gov.birth.application.core.ApplicationRepository;
import cn.gov.birth.application.evaluation.EvaluationRepository;
import cn.gov.birth.application.followup.FollowUpRepository;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.retention.Purge;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The single window: intake of the one-table form, and the one status the applicant follows. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApplicationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApplicationServiceApplication.class, args);
    }

    /** The sealed columns of the application tables: a key rotation re-encrypts them. */
    @Bean
    EncryptedColumn applicationForm() {
        return ApplicationRepository.FORM;
    }

    @Bean
    EncryptedColumn applicationApplicantPhone() {
        return ApplicationRepository.APPLICANT_PHONE;
    }

    @Bean
    EncryptedColumn applicationItemResult() {
        return ApplicationRepository.RESULT;
    }

    /** Finished applications go, with their items and timeline, {@code birth.retention.finished-applications} after. */
    @Bean
    Purge finishedApplicationPurge(@Value("${birth.retention.finished-applications}") Duration period) {
        return ApplicationRepository.finishedApplications(period);
    }

    /** Evaluations go {@code birth.retention.evaluations} after they were made. */
    @Bean
    Purge evaluationPurge(@Value("${birth.retention.evaluations}") Duration period) {
        return EvaluationRepository.evaluations(period);
    }

    /** Complaints are kept as long as evaluations (a 差评's rectification goes with its evaluation). */
    @Bean
    Purge complaintPurge(@Value("${birth.retention.evaluations}") Duration period) {
        return FollowUpRepository.complaints(period);
    }
}
