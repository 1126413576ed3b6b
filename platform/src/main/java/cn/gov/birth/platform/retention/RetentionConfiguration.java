package cn.gov.birth.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention in every service ({@link RetentionSettings}): the platform's own {@link Purge}s (processed
 * events, the rendezvous of joins), those the service contributes as beans, and the {@link Purges}
 * that run them all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionSettings.class)
public class RetentionConfiguration {

    /** The name of the purge of the parts of joins that fired, for a {@link Purge.Keep}. */
    public static final String RENDEZVOUS_PARTS = "rendezvous-parts";

    @Bean
    public Purge processedEventPurge(RetentionSettings settings) {
        return Purge.of("processed-events", "processed_event", "processed_at", settings.processedEvents());
    }

    /**
     * The parts of a join that fired ({@code rendezvous-parts}); those of a join still waiting stay,
     * however old. A service whose joins are needed after they fired says so with a {@link Purge.Keep}.
     */
    @Bean
    public Purge rendezvousPartPurge(RetentionSettings settings) {
        return Purge.of(RENDEZVOUS_PARTS, "rendezvous_part", "arrived_at", settings.rendezvousParts())
                .where("join_key in (select join_key from rendezvous_done where done_at < :cutoff)");
    }

    @Bean
    public Purge rendezvousDonePurge(RetentionSettings settings) {
        return Purge.of("rendezvous-done", "rendezvous_done", "done_at", settings.rendezvousDone())
                .where("not exists (select 1 from rendezvous_part p where p.join_key = rendezvous_done.join_key)");
    }

    @Bean
    Purges purges(ObjectProvider<Purge> purges, ObjectProvider<Purge.Keep> keeps, DataSource dataSource,
                  TransactionTemplate transactions, MeterRegistry meters, Clock clock, RetentionSettings settings) {
        List<Purge.Keep> kept = keeps.orderedStream().toList();
        return new Purges(purges.orderedStream().map(purge -> purge.keeping(kept)).toList(), dataSource, transactions,
                meters, clock, settings.batchSize(), settings.purgeInterval());
    }
}
