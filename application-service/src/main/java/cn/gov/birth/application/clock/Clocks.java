package cn.gov.birth.application.clock;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The one clock of the service: everything that decides a date (acceptance, deadlines, overdue,
 * statistics) reads it. Only the {@code dev} profile's can be moved; outside it, the real time.
 */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    @Profile("!dev")
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @Profile("dev")
    DevClock devClock() {
        return new DevClock(Clock.systemUTC());
    }
}
