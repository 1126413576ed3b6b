package cn.gov.birth.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * A department's reference-data import ({@code POST /api/v1/departments/{department}/reference/{dataset}}, up to
 * a million CSV rows) gets a route of its own, tried before the department's ordinary route: its body streams in
 * for minutes, so neither the ordinary response timeout nor the ordinary time limiter may cut it, and it is never
 * gathered in memory (BodySizeLimit counts it as it passes). Its circuit
 * breaker, {@value #BREAKER}, takes its time limit from {@code resilience4j.timelimiter.instances} in
 * application.yml ({@code REFERENCE_IMPORT_TIMEOUT}).
 */
@Configuration(proxyBeanMethods = false)
class ReferenceImportRoutes {

    static final String BREAKER = "reference-imports";

    /** The department services, as the ordinary department routes in application.yml name them. */
    private static final List<Department> DEPARTMENTS = List.of(
            new Department("POLICE", "hukou-service"),
            new Department("HEALTH", "birth-cert-service"),
            new Department("CDC", "vaccination-service"),
            new Department("MEDICAL_INSURANCE", "insurance-service"),
            new Department("HUMAN_RESOURCES", "sscard-service"));

    @Bean
    RouteLocator importRoutes(RouteLocatorBuilder builder, SpringCloudCircuitBreakerFilterFactory breakers,
                              @Value("${birth.gateway.import-timeout:10m}") Duration timeout) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Department department : DEPARTMENTS) {
            // Made without the route's id on purpose: a breaker with a fallback that knows its route has Spring
            // Cloud Gateway gather the whole request body in memory first (to forward it to the fallback), which
            // an import of hundreds of MB must never be. The fallback reads no body.
            GatewayFilter breaker = breakers.apply(new SpringCloudCircuitBreakerFilterFactory.Config().setName(BREAKER)
                    .setFallbackUri("forward:/fallback/" + department.service()));
            // Ordered before the YAML routes (order 0), whose department route would take the path too.
            routes.route(department.service() + "-reference-imports", route -> route.order(-1)
                    .path("/api/v1/departments/" + department.name() + "/reference/*").and().method(HttpMethod.POST)
                    .filters(filters -> filters.filter(breaker))
                    .metadata(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, timeout.toMillis())
                    .uri("lb://" + department.service()));
        }
        return routes.build();
    }

    /** @param service the service's name, as {@code birth.gateway.services} lists its instances */
    private record Department(String name, String service) {
    }
}
