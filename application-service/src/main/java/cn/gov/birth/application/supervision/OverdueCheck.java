package cn.gov.birth.application.supervision;

import cn.gov.birth.contracts.ChinaTime;
import cn.gov.birth.contracts.Department;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The supervision check (全闭环监测), every {@code birth.supervision.check-interval}: each item still
 * open the day after its deadline (in China) is recorded overdue once and its department told
 * ({@code ItemWentOverdue}), and counted: {@code birth.items.overdue} (tags department, item) for
 * those found, the gauge {@code birth.items.overdue.open} (tag department) for those still open.
 * One instance checks at a time (a transaction-scoped advisory lock); the others skip the run.
 */
@Component
public class OverdueCheck {

    private static final Logger log = LoggerFactory.getLogger(OverdueCheck.class);

    private final OverdueItems items;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Department, AtomicLong> open = new EnumMap<>(Department.class);

    OverdueCheck(OverdueItems items, TransactionTemplate transactions, MeterRegistry meters, Clock clock) {
        this.items = items;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        for (Department department : Department.values()) {
            AtomicLong count = new AtomicLong();
            open.put(department, count);
            Gauge.builder("birth.items.overdue.open", count, AtomicLong::get)
                    .description("Items past their promised time limit that their department still holds")
                    .tag("department", department.name()).register(meters);
        }
    }

    @Scheduled(initialDelayString = "${birth.supervision.check-interval}",
            fixedDelayString = "${birth.supervision.check-interval}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("Overdue check failed, tried again next run: {}", e.toString());
        }
    }

    /** One run: the number of items found overdue now (0 also when another instance is checking). */
    public int run() {
        Integer found = transactions.execute(status -> {
            if (!items.lockTheCheck()) {
                return 0;
            }
            Instant now = clock.instant();
            int newly = 0;
            for (DueItem item : items.newlyOverdue(LocalDate.ofInstant(now, ChinaTime.ZONE))) {
                if (items.markOverdue(item, now)) {
                    Counter.builder("birth.items.overdue").description("Items found past their promised time limit")
                            .tag("department", item.department().name()).tag("item", item.item().name())
                            .register(meters).increment();
                    log.info("{} of application {} overdue since {}: {} told", item.item(), item.applicationId(),
                            item.deadline(), item.department());
                    newly++;
                }
            }
            return newly;
        });
        items.stillOverdue().forEach((department, count) -> open.get(department).set(count));
        return found == null ? 0 : found;
    }
}
