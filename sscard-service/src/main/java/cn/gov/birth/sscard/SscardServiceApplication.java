package cn.gov.birth.sscard;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
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
}
