package cn.gov.birth.vaccination;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The CDC's part: the electronic vaccination certificate. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VaccinationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VaccinationServiceApplication.class, args);
    }
}
