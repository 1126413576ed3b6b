package cn.gov.birth.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/**
 * How every service reads request bodies: only of a media type it takes ({@link BodyMediaTypes}),
 * JSON with its strings checked ({@link CheckedJsonConverter}); query parameters checked the same way
 * ({@link QueryParameters}).
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestBodies {

    /** Applied after Spring Boot's own JSON converter is set (order 0): it takes that one's place among the others. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer checkedJsonConverter(JsonMapper mapper) {
        return converters -> converters.withJsonConverter(new CheckedJsonConverter(mapper));
    }

    /** Before security and anything else that could read the body, after its size limit. */
    @Bean
    FilterRegistrationBean<BodyMediaTypes> bodyMediaTypes() {
        FilterRegistrationBean<BodyMediaTypes> registration = new FilterRegistrationBean<>(new BodyMediaTypes());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
        return registration;
    }

    /** Query parameters are checked as body strings are, before anything reads them. */
    @Bean
    FilterRegistrationBean<QueryParameters> queryParameters() {
        FilterRegistrationBean<QueryParameters> registration = new FilterRegistrationBean<>(new QueryParameters());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
        return registration;
    }
}
