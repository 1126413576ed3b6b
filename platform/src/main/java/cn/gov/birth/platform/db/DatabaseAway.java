package cn.gov.birth.platform.db;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one rule for "the database is away" (down, restarting, out of connections, a deadlock or lock
 * timeout): a failure that says nothing about the request or the record, and passes. A request
 * gets 503 with {@code Retry-After}; a record waits for the database instead of going to the dead
 * letters.
 */
public final class DatabaseAway {

    /** How Spring's transaction managers name a rollback whose JDBC call failed. */
    private static final String ROLLBACK_FAILED = "JDBC rollback failed";

    /** SQLSTATE classes and codes of a lost or refused connection: 08 (connection exception), 57P01–57P03 (shutdown). */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** Whether the failure is the database being away, however wrapped. */
    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLException sql && connectionLost(sql)) {
                return true;
            }
            // A rollback that failed because the connection was cut hides the failure that made it roll back.
            if (cause instanceof TransactionSystemException failedRollback
                    && failedRollback.getApplicationException() != null && is(failedRollback.getApplicationException())) {
                return true;
            }
            // A rollback fails only when the connection is gone: after a commit lost with the connection, the
            // pool has closed it ("Connection is closed", no SQLSTATE) and the commit's failure is only logged.
            if (cause instanceof TransactionSystemException failed && ROLLBACK_FAILED.equals(failed.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private DatabaseAway() {
    }
}
