package cn.gov.birth.kit;

import cn.gov.birth.kit.dependent.DependentItem;
import cn.gov.birth.kit.dependent.DependentItems;
import cn.gov.birth.kit.outcome.ItemFacts;
import cn.gov.birth.kit.outcome.ItemOutcomes;
import cn.gov.birth.kit.reference.ReferenceDataConfiguration;
import cn.gov.birth.kit.review.ReviewConfiguration;
import cn.gov.birth.kit.review.ReviewQueues;
import cn.gov.birth.kit.supervision.OverdueNoticeConfiguration;
import cn.gov.birth.kit.withdrawal.Withdrawals;
import cn.gov.birth.platform.PlatformAutoConfiguration;
import cn.gov.birth.platform.db.Migrations;
import cn.gov.birth.platform.retention.Purge;
import cn.gov.birth.platform.retention.RetentionSettings;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a department's service (one that says {@code birth.department}) shares with the other
 * four: one final outcome per item, items that wait for another department's, cancelling open
 * items on withdrawal, the staff review queue's endpoints, the import of its reference data, and the
 * notices of its items gone overdue.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@Import({ItemOutcomes.class, ItemFacts.class, ReviewQueues.class, DependentItems.class, Withdrawals.class,
        ReviewConfiguration.class, ReferenceDataConfiguration.class,
        OverdueNoticeConfiguration.class})
public class KitAutoConfiguration {

    /** The kit's tables migrate with the service's, from {@code db/kit}. */
    @Bean
    FlywayConfigurationCustomizer kitMigrations() {
        return Migrations.alsoFrom("classpath:db/kit");
    }

    /** Times are instants, stored and published in UTC; a service (or a test) may bring its own clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The rendezvous parts of a dependent item stay until it is finished, then go after {@code rendezvous-parts}. */
    @Bean
    Purge.Keep dependentItemParts() {
        return DependentItem.partsUntilFinished();
    }

    @Bean
    Purge finishedItemPartPurge(RetentionSettings settings) {
        return DependentItem.partsOfFinishedItems(settings.rendezvousParts());
    }

    /** A 差评's or complaint's task goes after the period application-service keeps its evaluations and complaints. */
    @Bean
    Purge followUpTaskPurge(@Value("${birth.retention.evaluations:${RETENTION_EVALUATIONS:P1096D}}") Duration period) {
        return ReviewQueues.followUps(period);
    }
}
