package cn.gov.birth.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseAwayTest {

    private final Problems problems = new Problems();

    @Test
    void shouldAnswer503WithRetryAfterWhenNoConnectionCanBeHadHoweverWrapped() throws Exception {
        Exception away = new IllegalStateException("while handling", new CannotCreateTransactionException(
                "Could not open JDBC Connection", new CannotGetJdbcConnectionException("refused",
                        new SQLException("Connection refused", "08001"))));

        ResponseEntity<ProblemDetail> answer = problems.unexpected(away);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getDetail()).contains("nothing was changed");
    }

    @Test
    void shouldAnswer503WhenTheRollbackFailedBecausePostgreSQLCutTheConnection() throws Exception {
        // What a request in flight during a PostgreSQL restart meets: the insert fails, then the rollback.
        var cut = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));
        cut.initApplicationException(new DataAccessResourceFailureException("insert failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));

        assertThat(problems.unexpected(cut).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problems.unexpected(new IllegalStateException("a bug", new SQLException("admin shutdown", "57P01")))
                .getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void shouldAnswer503WhenTheCommitWasLostWithTheConnectionAndThePoolHadClosedItForTheRollback() throws Exception {
        // The commit's failure (08006) is only logged; what reaches the request is the rollback's.
        var closed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));

        assertThat(problems.unexpected(closed).getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problems.unexpected(new TransactionSystemException("JDBC commit failed",
                new SQLException("could not serialize access", "40001"))).getStatusCode())
                .as("a commit refused for another reason is not the database being away")
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void shouldStillAnswer500ForAFailureThatIsNotTheDatabaseBeingAway() throws Exception {
        assertThat(problems.unexpected(new DataIntegrityViolationException("duplicate key")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(problems.unexpected(new IllegalStateException("a bug")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
