package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClientException;
import io.workflow.domain.port.StoreUnavailableException;

import java.time.Duration;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a statement again, with a growing pause, while it fails because the connection to
 * PostgreSQL failed ({@link ConnectionFailures}): a restart of PostgreSQL or PgBouncer then costs a
 * request a moment rather than an error. Within {@code budget} in all; after that the statement fails
 * with the port's {@link StoreUnavailableException}. Any other failure passes through at once.
 * <p>An attempt is told whether an earlier one failed on the connection: that earlier one may have
 * reached the server and taken effect before the connection broke, and a write makes its retry
 * harmless with that knowledge (an insert finds its own row, a compare-and-set its own change).
 */
final class ConnectionRetry {
    private static final Logger LOG = Logger.getLogger(ConnectionRetry.class.getName());
    private static final Duration FIRST_PAUSE = Duration.ofMillis(25);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(400);

    /** One try of a statement; {@code retrying} is true when an earlier try failed on the connection. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(boolean retrying);
    }

    private final Duration budget;

    ConnectionRetry(Duration budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** Runs {@code attempt} until it succeeds, fails otherwise than on the connection, or the budget is spent. */
    <T> T run(String what, Attempt<T> attempt) {
        long deadline = System.nanoTime() + budget.toNanos();
        Duration pause = FIRST_PAUSE;
        boolean retrying = false;
        while (true) {
            try {
                return attempt.run(retrying);
            } catch (RuntimeException e) {
                if (!ConnectionFailures.isConnectionFailure(e)) {
                    throw e;
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw unavailable(what, e);
                }
                LOG.log(Level.FINE, () -> what + ": connection to PostgreSQL failed (" + ConnectionFailures.rootMessage(e)
                        + "); trying again");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw unavailable(what, e);
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
                retrying = true;
            }
        }
    }

    /**
     * Runs an insert of a row whose key this process chose (a time-ordered UUID), retrying like
     * {@link #run}: a unique violation on a retry is then the row an earlier attempt stored before its
     * connection broke, so the insert is done. On the first attempt it passes through as a conflict.
     */
    void insert(String what, Runnable insert) {
        run(what, retrying -> {
            try {
                insert.run();
            } catch (DbClientException e) {
                if (!(retrying && ColumnValues.isUniqueViolation(e))) {
                    throw e;
                }
            }
            return null;
        });
    }

    private StoreUnavailableException unavailable(String what, RuntimeException cause) {
        return new StoreUnavailableException(what + ": PostgreSQL is unavailable (" + ConnectionFailures.rootMessage(cause)
                + "), still after " + budget.toMillis() + " ms", cause);
    }
}
