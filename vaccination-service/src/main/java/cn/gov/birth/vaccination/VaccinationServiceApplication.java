package cn.gov.birth.vaccination;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The CDC's part: the electronic vaccination certificate. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VaccinationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VaccinationServiceApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
