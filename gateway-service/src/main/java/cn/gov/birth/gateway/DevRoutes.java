package cn.gov.birth.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Profile {@code dev} only: the route to application-service's dev clock ({@code /api/v1/dev/clock},
 * granted to ops by the dev profile's {@code dev-grants}). Outside {@code dev} there is no such route
 * and no grant: the path is refused like any other.
 */
@Configuration(proxyBeanMethods = false)
@Profile("dev")
class DevRoutes {

    static final String CLOCK = "/api/v1/dev/clock";

    @Bean
    RouteLocator devClockRoute(RouteLocatorBuilder routes) {
        return routes.routes().route("dev-clock", route -> route.path(CLOCK).uri("lb://application-service")).build();
    }
}
