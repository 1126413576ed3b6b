package cn.gov.birth.events;

import cn.gov.birth.platform.events.EventCatalog;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every service of the platform speaks the birth events. */
@AutoConfiguration
public class BirthEventsAutoConfiguration {

    @Bean
    EventCatalog birthEventCatalog() {
        return new BirthEventCatalog();
    }
}
