package cn.gov.birth.platform.outbound;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What the {@link OutboundSender}s of a service work with: its database, its partners' resilience, metrics, clock. */
public record Outbound(JdbcClient jdbc, TransactionTemplate transactions, CircuitBreakerRegistry breakers,
                       RetryRegistry retries, BulkheadRegistry bulkheads, MeterRegistry meters, Clock clock) {
}
