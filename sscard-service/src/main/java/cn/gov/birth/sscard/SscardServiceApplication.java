package cn.gov.birth.sscard;

import cn.gov.birth.platform.security.PartnerRoute;
import cn.gov.birth.sscard.bank.CardCallbacks;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The HR and social security bureau's part: the social security card application. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SscardServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SscardServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Beyond the platform's own routes (review queue, reference data): the card-making banks' signed callbacks. */
    @Bean
    PartnerRoute cardCallbackRoute() {
        return new PartnerRoute(HttpMethod.POST, CardCallbacks.PATH, id -> id.startsWith(CardCallbacks.PARTNER_PREFIX));
    }
}
