package cn.gov.birth.platform;

import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.audit.AuditConfiguration;
import cn.gov.birth.platform.crypto.FieldEncryptionConfiguration;
import cn.gov.birth.platform.db.DatabaseCreator;
import cn.gov.birth.platform.db.Migrations;
import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.handlers.EventHandlerListeners;
import cn.gov.birth.platform.handlers.EventHandlers;
import cn.gov.birth.platform.inbox.IdempotentConsumer;
import cn.gov.birth.platform.outbound.Outbound;
import cn.gov.birth.platform.crypto.EncryptedColumn;
import cn.gov.birth.platform.crypto.FieldEncryption;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.outbox.OutboxRelay;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import cn.gov.birth.platform.retention.RetentionConfiguration;
import cn.gov.birth.platform.security.PlatformSecurityConfiguration;
import cn.gov.birth.platform.table.ColumnProtection;
import cn.gov.birth.platform.web.Problems;
import cn.gov.birth.security.BlindIndex;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** The conventions every service shares; it knows no domain: the events are the system's {@link EventCatalog}'s. */
@AutoConfiguration
@Import({PlatformSecurityConfiguration.class, FieldEncryptionConfiguration.class, RetentionConfiguration.class,
        AuditConfiguration.class})
public class PlatformAutoConfiguration {

    /** Personal data columns: sealed by the service's field encryption, indexed under the blind-index key. */
    @Bean
    ColumnProtection columnProtection(FieldEncryption encryption, ObjectProvider<BlindIndex> blindIndex) {
        return new ColumnProtection(encryption, blindIndex::getObject);
    }

    /** Off in production (DB_CREATE_ON_START=false): scripts/setup-database.sh makes the database, owned by the service's role. */
    @Bean
    @ConditionalOnBooleanProperty(name = "birth.create-database-on-start", matchIfMissing = true)
    static DatabaseCreator databaseCreator(DataSourceProperties properties) {
        return new DatabaseCreator(properties);
    }

    /** The platform's own tables migrate with the service's, from {@code db/platform}. */
    @Bean
    FlywayConfigurationCustomizer platformMigrations() {
        return Migrations.alsoFrom("classpath:db/platform");
    }

    @Bean
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
                            FieldEncryption encryption, @Value("${spring.application.name}") String serviceName,
                            @Value("${birth.outbox.batch-size:200}") int batchSize,
                            @Value("${birth.outbox.poll-interval:PT0.5S}") Duration pollInterval) {
        return new OutboxRelay(jdbc, transactions, kafka, encryption, serviceName, batchSize, pollInterval.toMillis());
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay, EventCatalog catalog, List<Outbox.Check> checks,
                  FieldEncryption encryption) {
        return new Outbox(jdbc, relay, catalog, checks, encryption);
    }

    @Bean
    EncryptedColumn outboxPayload() {
        return Outbox.PAYLOAD;
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
    Rendezvous rendezvous(JdbcClient jdbc, EventCatalog catalog, FieldEncryption encryption) {
        return new Rendezvous(jdbc, catalog, encryption);
    }

    @Bean
    EncryptedColumn rendezvousPayload() {
        return Rendezvous.PAYLOAD;
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
