package cn.gov.birth.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

class WrittenAtCommitTest {

    /** Each written batch, as the writer got it. */
    private final List<List<String>> written = new ArrayList<>();
    private final List<String> wokenAfterCommit = new ArrayList<>();
    private final WrittenAtCommit<List<String>> rows = new WrittenAtCommit<>(ArrayList::new,
            batch -> written.add(List.copyOf(batch)), () -> wokenAfterCommit.add("woken"));
    private final TransactionTemplate transactions = new TransactionTemplate(new NoResourceTransactions());

    @Test
    void shouldWriteATransactionsAdditionsOnceInOneBatchWhenItCommits() {
        transactions.executeWithoutResult(status -> {
            rows.add(batch -> batch.add("a"));
            rows.add(batch -> batch.add("b"));
            assertThat(written).isEmpty();
        });

        assertThat(written).containsExactly(List.of("a", "b"));
        assertThat(wokenAfterCommit).containsExactly("woken");
    }

    @Test
    void shouldWriteNothingForATransactionThatRolledBack() {
        transactions.executeWithoutResult(status -> {
            rows.add(batch -> batch.add("a"));
            status.setRollbackOnly();
        });

        assertThat(written).isEmpty();
        assertThat(wokenAfterCommit).isEmpty();
    }

    @Test
    void shouldRollBackWhenTheWriteFails() {
        WrittenAtCommit<List<String>> failing = new WrittenAtCommit<>(ArrayList::new, batch -> {
            throw new IllegalStateException("constraint violated");
        });
        List<Integer> completions = new ArrayList<>();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            failing.add(batch -> batch.add("a"));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int completion) {
                    completions.add(completion);
                }
            });
        })).hasMessage("constraint violated");
        assertThat(completions).containsExactly(TransactionSynchronization.STATUS_ROLLED_BACK);
    }

    @Test
    void shouldWriteAtOnceWhatIsAddedAfterTheTransactionsBatchWasWritten() {
        transactions.executeWithoutResult(status -> {
            rows.add(batch -> batch.add("a"));
            // Another synchronization that adds as the transaction commits, after this batch was written.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    rows.add(batch -> batch.add("late"));
                }
            });
        });

        assertThat(written).containsExactly(List.of("a"), List.of("late"));
    }

    @Test
    void shouldWriteWhatWasCollectedWhenFlushedAndTheRestAtCommit() {
        transactions.executeWithoutResult(status -> {
            rows.add(batch -> batch.add("a"));
            rows.flush();
            assertThat(written).containsExactly(List.of("a"));
            rows.add(batch -> batch.add("b"));
        });

        assertThat(written).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void shouldKeepATransactionStartedApartToItsOwnBatch() {
        TransactionTemplate apart = new TransactionTemplate(transactions.getTransactionManager());
        apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(outer -> {
            rows.add(batch -> batch.add("outer"));
            apart.executeWithoutResult(inner -> rows.add(batch -> batch.add("inner")));
            assertThat(written).containsExactly(List.of("inner"));
        });

        assertThat(written).containsExactly(List.of("inner"), List.of("outer"));
    }

    @Test
    void shouldWriteAtOnceWithoutATransaction() {
        rows.add(batch -> batch.add("a"));

        assertThat(written).containsExactly(List.of("a"));
    }

    /** Transactions with synchronization and nothing behind them. */
    private static final class NoResourceTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
