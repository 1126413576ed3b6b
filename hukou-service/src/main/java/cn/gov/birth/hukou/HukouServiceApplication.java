package cn.gov.birth.hukou;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The police's part: birth household registration and the newborn's citizen ID number. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HukouServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HukouServiceApplication.class, args);
    }
}
