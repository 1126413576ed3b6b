package cn.gov.birth.kit;

import cn.gov.birth.contracts.Department;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.kit.reference.ReferenceDataConfiguration;
import cn.gov.birth.kit.review.ReviewConfiguration;
import cn.gov.birth.kit.review.ReviewQueue;
import cn.gov.birth.kit.review.ReviewQueues;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.PlatformAutoConfiguration;
import cn.gov.birth.platform.db.Migrations;
import cn.gov.birth.platform.outbox.Outbox;
import cn.gov.birth.platform.rendezvous.Rendezvous;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a department's service (one that says {@code birth.department}) shares with the other
 * four: one final outcome per item, items that wait for another department's, cancelling open
 * items on withdrawal, the staff review queue's endpoints, and the import of its reference data.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@Import({ReviewConfiguration.class, ReferenceDataConfiguration.class})
public class KitAutoConfiguration {

    /** The kit's tables migrate with the service's, from {@code db/kit}. */
    @Bean
    FlywayConfigurationCustomizer kitMigrations() {
        return Migrations.alsoFrom("classpath:db/kit");
    }

    @Bean
    ItemOutcomes itemOutcomes(JdbcClient jdbc) {
        return new ItemOutcomes(jdbc);
    }

    @Bean
    ReviewQueues reviewQueues(@Value("${birth.department}") Department department, JdbcClient jdbc, Outbox outbox,
                              ItemOutcomes outcomes, Clock clock) {
        return new ReviewQueues(department, jdbc, outbox, outcomes, clock);
    }

    @Bean
    DependentItems dependentItems(Rendezvous rendezvous, Outbox outbox, ItemOutcomes outcomes, Clock clock) {
        return new DependentItems(rendezvous, outbox, outcomes, clock);
    }

    @Bean
    Withdrawals withdrawals(@Value("${birth.department}") Department department, Outbox outbox,
                            ItemOutcomes outcomes, Optional<ReviewQueue<?>> review, Clock clock) {
        return new Withdrawals(department, outbox, outcomes, review, clock);
    }
}
