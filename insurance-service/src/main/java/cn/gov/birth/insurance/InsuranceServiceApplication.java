package cn.gov.birth.insurance;

import cn.gov.birth.insurance.enrollment.PaymentCallbackController;
import cn.gov.birth.platform.security.PartnerRoute;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The medical insurance bureau's part: resident enrollment and maternity reimbursement. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class InsuranceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(InsuranceServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Beyond the platform's own routes (review queue, reference data): the tax channel's signed reports. */
    @Bean
    PartnerRoute paymentCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, PaymentCallbackController.PATH, PaymentCallbackController.PARTNER::equals);
    }
}
