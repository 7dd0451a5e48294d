package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClientException;
import io.workflow.domain.port.StoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionRetryTest {
    private static final Duration BUDGET = Duration.ofMillis(500);

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "08003", "08P01", "57P01", "57P02", "57P03"})
    void connectionClassStates_areConnectionFailures(String sqlState) {
        assertThat(ConnectionFailures.isConnectionFailure(wrapped(new SQLException("gone", sqlState)))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "22P02", "42P01", "40001", "57014"})
    void statementStates_areNotConnectionFailures(String sqlState) {
        assertThat(ConnectionFailures.isConnectionFailure(wrapped(new SQLException("bad", sqlState)))).isFalse();
    }

    @Test
    void poolTimeout_isAConnectionFailure() {
        assertThat(ConnectionFailures.isConnectionFailure(
                wrapped(new SQLTransientConnectionException("workflow-postgres - Connection is not available")))).isTrue();
        assertThat(ConnectionFailures.isConnectionFailure(new IllegalStateException("no SQL state at all"))).isFalse();
    }

    @Test
    void failingOnTheConnectionThenSucceeding_returnsTheResult_andTellsTheRetryItIsOne() {
        List<Boolean> retryingFlags = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();

        String result = new ConnectionRetry(BUDGET).run("find run", retrying -> {
            retryingFlags.add(retrying);
            if (attempts.incrementAndGet() < 3) {
                throw connectionFailure();
            }
            return "row";
        });

        assertThat(result).isEqualTo("row");
        assertThat(retryingFlags).containsExactly(false, true, true);
    }

    @Test
    void anotherFailure_passesThroughAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        DbClientException constraint = wrapped(new SQLException("duplicate key", "23505"));

        assertThatThrownBy(() -> new ConnectionRetry(BUDGET).run("insert run", retrying -> {
            attempts.incrementAndGet();
            throw constraint;
        })).isSameAs(constraint);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void connectionFailingPastTheBudget_throwsStoreUnavailable_withinTheBudget() {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new ConnectionRetry(BUDGET).run("list runs", retrying -> {
            attempts.incrementAndGet();
            throw connectionFailure();
        })).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("list runs")
                .hasMessageContaining("Connection refused")
                .hasRootCauseMessage("Connection refused");
        // Pauses of 25, 50, 100, 200 ms fit in 500; the next would not, so it gives up before the budget
        // ends: at most five attempts (fewer when a loaded machine oversleeps), and no retrying on and on.
        // The wall-clock bound is loose on purpose: on a loaded two-core machine sleeps overrun.
        assertThat(attempts.get()).isBetween(2, 5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BUDGET.plusSeconds(5));
    }

    @Test
    void zeroBudget_triesOnce() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> new ConnectionRetry(Duration.ZERO).run("find run", retrying -> {
            attempts.incrementAndGet();
            throw connectionFailure();
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void insertRetried_findingItsOwnRow_isDone() {
        AtomicInteger attempts = new AtomicInteger();

        new ConnectionRetry(BUDGET).insert("insert run", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw connectionFailure(); // the row was stored, then the connection broke before the answer
            }
            throw wrapped(new SQLException("duplicate key value violates unique constraint", "23505"));
        });

        assertThat(attempts).hasValue(2);
    }

    @Test
    void insertConflictingOnTheFirstAttempt_isAConflict() {
        DbClientException duplicate = wrapped(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThatThrownBy(() -> new ConnectionRetry(BUDGET).insert("insert run", () -> {
            throw duplicate;
        })).isSameAs(duplicate);
    }

    @Test
    void interruptedWhileWaiting_givesUp_keepingTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new ConnectionRetry(BUDGET).run("find run", retrying -> {
                throw connectionFailure();
            })).isInstanceOf(StoreUnavailableException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static DbClientException connectionFailure() {
        return wrapped(new SQLException("Connection refused", "08001"));
    }

    private static DbClientException wrapped(SQLException cause) {
        return new DbClientException("statement failed", cause);
    }
}
