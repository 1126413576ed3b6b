package cn.gov.birth.platform.db;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a transaction collects and writes together just before it commits, in a few statements
 * instead of one per change: a poll's facts touch the same rows several times (three facts about
 * one application on average), and every statement is a round trip and an execution in PostgreSQL.
 * Each transaction has its own batch ({@code B}, made by {@code fresh}); {@code write} writes one in
 * the transaction (a failure rolls the whole transaction back, as a failed statement would). Without
 * transaction synchronization, or once this transaction's batch was written (another
 * synchronization adding at commit), an addition is written at once: nothing added is ever left out.
 * A transaction started apart ({@code REQUIRES_NEW}) has its own batch: the batch is unbound while
 * its transaction is suspended, as Spring's own resource holders are.
 */
public final class WrittenAtCommit<B> {

    private final Supplier<B> fresh;
    private final Consumer<B> write;
    private final Runnable afterCommit;

    public WrittenAtCommit(Supplier<B> fresh, Consumer<B> write) {
        this(fresh, write, () -> { });
    }

    /** {@code afterCommit} runs once per transaction that added, after it committed (to wake a reader, say). */
    public WrittenAtCommit(Supplier<B> fresh, Consumer<B> write, Runnable afterCommit) {
        this.fresh = fresh;
        this.write = write;
        this.afterCommit = afterCommit;
    }

    /** Adds to this transaction's batch (made on the first addition), which is written before the commit. */
    public void add(Consumer<B> addition) {
        Batch<B> batch = current();
        if (batch == null && TransactionSynchronizationManager.isSynchronizationActive()) {
            batch = new Batch<>(this, fresh.get());
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        if (batch == null || batch.written) {
            B now = fresh.get();
            addition.accept(now);
            write.accept(now);
            return;
        }
        addition.accept(batch.rows);
    }

    /** Writes what this transaction collected so far now, for a read in the same transaction that needs it. */
    public void flush() {
        Batch<B> batch = current();
        if (batch != null && !batch.written) {
            B rows = batch.rows;
            batch.rows = fresh.get();
            write.accept(rows);
        }
    }

    /** This transaction's batch: a resource bound while the transaction is current (one lookup, not a scan). */
    @SuppressWarnings("unchecked")
    private Batch<B> current() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Batch<B>) TransactionSynchronizationManager.getResource(this) : null;
    }

    /** One transaction's rows, written at its commit. */
    private static final class Batch<B> implements TransactionSynchronization {

        private final WrittenAtCommit<B> owner;
        private B rows;
        private boolean written;

        Batch(WrittenAtCommit<B> owner, B rows) {
            this.owner = owner;
            this.rows = rows;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            owner.write.accept(rows);
        }

        @Override
        public void afterCommit() {
            owner.afterCommit.run();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }

        /** A transaction started apart suspends this one: its batch is out of sight until it resumes. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(owner);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(owner, this);
        }
    }
}
