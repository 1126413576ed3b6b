package cn.gov.birth.platform;

import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.outcome.ItemOutcomes;
import java.util.List;
import cn.gov.birth.platform.db.DatabaseCreator;
import cn.gov.birth.platform.handlers.EventHandlerListeners;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.outbox.OutboxRelay;
import cn.gov.birth.platform.rendezvous.DependentItems;
import cn.gov.birth.platform.outbound.Outbound;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.reference.ReferenceDataConfiguration;
import cn.gov.birth.platform.review.ReviewConfiguration;
import cn.gov.birth.platform.security.PlatformSecurityConfiguration;
import cn.gov.birth.platform.review.ReviewQueue;
import cn.gov.birth.platform.withdrawal.Withdrawals;
import cn.gov.birth.contracts.Department;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import cn.gov.birth.platform.web.Problems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The conventions every service shares: its database, the outbox, idempotent consumers, requests
 * to partners, problems, access control, and a department service's staff review queue and
 * reference data.
 */
@AutoConfiguration
@Import({PlatformSecurityConfiguration.class, ReviewConfiguration.class, ReferenceDataConfiguration.class})
public class PlatformAutoConfiguration {

    @Bean
    static DatabaseCreator databaseCreator(DataSourceProperties properties) {
        return new DatabaseCreator(properties);
    }

    /** The platform's own tables migrate with the service's, from {@code db/platform}. */
    @Bean
    FlywayConfigurationCustomizer platformMigrations() {
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/platform"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
        };
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
                            @Value("${spring.application.name}") String serviceName,
                            @Value("${birth.outbox.batch-size:200}") int batchSize,
                            @Value("${birth.outbox.poll-interval:PT0.5S}") Duration pollInterval) {
        return new OutboxRelay(jdbc, transactions, kafka, serviceName, batchSize, pollInterval.toMillis());
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, EventCatalog catalog, List<Outbox.Check> checks) {
        return new Outbox(jdbc, relay, catalog, checks);
    }

    @Bean
    ItemOutcomes itemOutcomes(JdbcClient jdbc) {
        return new ItemOutcomes(jdbc);
    }

    @Bean
    Gauge outboxLag(MeterRegistry registry, OutboxRelay relay) {
        return Gauge.builder("birth.outbox.lag.seconds", relay, r -> {
                    Instant oldest = r.oldestPending();
                    return oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis() / 1000.0;
                })
                .description("Age of the oldest event not yet sent to Kafka")
                .register(registry);
    }

    /** What a service's senders of partner requests share (OutboundSender). */
    @Bean
    Outbound outbound(JdbcClient jdbc, TransactionTemplate transactions, CircuitBreakerRegistry breakers,
                      RetryRegistry retries, BulkheadRegistry bulkheads, MeterRegistry meters, Clock clock) {
        return new Outbound(jdbc, transactions, breakers, retries, bulkheads, meters, clock);
    }

    @Bean
    IdempotentConsumer idempotentConsumer(JdbcClient jdbc, TransactionTemplate transactions, EventCatalog catalog,
                                          @Value("${spring.application.name}") String serviceName) {
        return new IdempotentConsumer(jdbc, transactions, serviceName, catalog);
    }

    /** A service that declares a table of event handlers gets one listener for all of them. */
    @Bean
    @ConditionalOnBean(EventHandlers.class)
    EventHandlerListeners eventHandlerListeners(EventHandlers handlers, IdempotentConsumer consumer) {
        return new EventHandlerListeners(handlers, consumer);
    }

    @Bean
    Rendezvous rendezvous(JdbcClient jdbc) {
        return new Rendezvous(jdbc);
    }

    /** A department's service declares its items that wait for another department's. */
    @Bean
    @ConditionalOnProperty("birth.department")
    DependentItems dependentItems(Rendezvous rendezvous, Outbox outbox, Clock clock) {
        return new DependentItems(rendezvous, outbox, clock);
    }

    /** A department's service (one that says {@code birth.department}) cancels its open items on withdrawal. */
    @Bean
    @ConditionalOnProperty("birth.department")
    Withdrawals withdrawals(@Value("${birth.department}") Department department, Outbox outbox,
                            Optional<ReviewQueue<?>> review, Clock clock) {
        return new Withdrawals(department, outbox, review, clock);
    }

    /**
     * The public API reads JSON strictly: a number or a boolean where text is expected, or a text
     * where a boolean is expected, is malformed input (400), not silently converted.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    Problems problems() {
        return new Problems();
    }
}
