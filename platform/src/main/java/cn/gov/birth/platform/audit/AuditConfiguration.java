package cn.gov.birth.platform.audit;

import cn.gov.birth.platform.events.EventCatalog;
import cn.gov.birth.platform.outbox.Outbox;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail in every service: its {@link AuditTrail}, the {@link AuditChain} check and its
 * {@code auditchain} actuator endpoint, and the audit topic ({@code birth.audit.topic}) with its
 * dead-letter topic, declared like the catalog's.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, TransactionTemplate transactions, Outbox outbox,
                          @Value("${birth.audit.topic}") String topic,
                          @Value("${spring.application.name}") String service, Clock clock) {
        return new AuditTrail(jdbc, transactions, outbox, topic, service, clock);
    }

    @Bean
    AuditChain auditChain(JdbcClient jdbc) {
        return new AuditChain(jdbc);
    }

    @Bean
    AuditChainEndpoint auditChainEndpoint(AuditChain chain) {
        return new AuditChainEndpoint(chain);
    }

    @Bean
    KafkaAdmin.NewTopics auditTopics(EventCatalog catalog, @Value("${birth.audit.topic}") String topic,
                                     @Value("${birth.kafka.partitions:12}") int partitions,
                                     @Value("${birth.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(new NewTopic(topic, partitions, replicationFactor),
                new NewTopic(catalog.deadLetterTopic(topic), partitions, replicationFactor));
    }
}
