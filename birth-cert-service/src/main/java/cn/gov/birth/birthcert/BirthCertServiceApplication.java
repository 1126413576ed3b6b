package cn.gov.birth.birthcert;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The health department's part: the birth medical certificate and parenting-guidance enrollment. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BirthCertServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BirthCertServiceApplication.class, args);
    }
}
