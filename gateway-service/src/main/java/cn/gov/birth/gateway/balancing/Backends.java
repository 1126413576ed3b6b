package cn.gov.birth.gateway.balancing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;

/**
 * Every service may run as several instances. The routes name a service ({@code lb://application-service});
 * Spring Cloud LoadBalancer takes its instances in turn (round robin) from {@code birth.gateway.services}, each
 * service's base URLs, comma-separated ({@code APPLICATION_SERVICE_URL=http://10.0.0.1:8081,http://10.0.0.2:8081}).
 * An instance that refused a connection is passed over for a while and the request goes to another
 * ({@link RefusedConnections}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Backends.Instances.class)
@LoadBalancerClients(defaultConfiguration = PerService.class)
public class Backends {

    /**
     * @param services         each service's instances, by the name its routes use
     * @param refusedPassOver  how long an instance that refused a connection is left out of the turn
     */
    @ConfigurationProperties("birth.gateway")
    public record Instances(Map<String, List<URI>> services, Duration refusedPassOver) {

        List<ServiceInstance> of(String service) {
            List<URI> urls = services.get(service);
            if (urls == null || urls.isEmpty()) {
                throw new IllegalStateException("No instances configured for " + service + " (birth.gateway.services)");
            }
            List<ServiceInstance> instances = new ArrayList<>();
            for (URI url : urls) {
                instances.add(new DefaultServiceInstance(service + "@" + url.getAuthority(), service, url.getHost(),
                        url.getPort(), "https".equals(url.getScheme())));
            }
            return List.copyOf(instances);
        }
    }

    @Bean
    RefusedConnections refusedConnections(Instances instances) {
        return new RefusedConnections(Clock.systemUTC(), instances.refusedPassOver());
    }
}

/**
 * The load balancer's configuration for each service, in the service's own context (named after it). Not a nested
 * class of {@link Backends}: Spring would take it for part of the application's own configuration.
 */
class PerService {

    @Bean
    ServiceInstanceListSupplier instances(Environment environment, Backends.Instances instances,
                                          RefusedConnections refused) {
        String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<ServiceInstance> all = instances.of(service);
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return service;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return Flux.defer(() -> Flux.just(refused.reachable(all)));
            }
        };
    }
}
