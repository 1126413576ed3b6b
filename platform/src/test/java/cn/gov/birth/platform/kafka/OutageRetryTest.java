package cn.gov.birth.platform.kafka;

import cn.gov.birth.platform.db.DatabaseAway;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

class OutageRetryTest {

    @Test
    void shouldWaitOutADatabaseThatIsAwayRatherThanDeadLetterTheRecord() {
        assertThat(DatabaseAway.is(new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("pool")))))
                .isTrue();
        assertThat(DatabaseAway.is(new CannotAcquireLockException("deadlock"))).isTrue();
    }

    @Test
    void shouldTreatAFaultOfTheRecordAsNoOutage() {
        assertThat(DatabaseAway.is(new DataIntegrityViolationException("duplicate"))).isFalse();
        assertThat(DatabaseAway.is(new IllegalStateException("bad event"))).isFalse();
    }

    @Test
    void shouldKeepTryingForTheWholeOutageWithGrowingPauses() {
        BackOffExecution execution = KafkaConventions.outageBackOff(Duration.ofMinutes(15)).start();
        long waited = 0;
        long last = 0;
        int attempts = 0;
        for (long next = execution.nextBackOff(); next != BackOffExecution.STOP; next = execution.nextBackOff()) {
            assertThat(next).isBetween(last, 5_000L);
            last = next;
            waited += next;
            attempts++;
        }

        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMinutes(14).toMillis());
        assertThat(attempts).isGreaterThan(20);
    }
}
