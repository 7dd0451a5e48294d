package io.workflow.adapters.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure of the connection to PostgreSQL (the server or PgBouncer restarting, a pooled
 * connection whose server went away) from a failure of the statement itself (a constraint, bad
 * data), which no retry would mend. Looks through the whole cause chain, since the DB client and
 * the pool each wrap what pgjdbc threw.
 */
final class ConnectionFailures {
    /** Class 08: connection exception. pgjdbc's I/O errors (08006, 08001, 08003) and every error PgBouncer
     * sends before dropping a client whose server is gone ("pgbouncer cannot connect to server",
     * "server login has been failing", "server conn crashed?", 08P01) are in it. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** admin_shutdown, crash_shutdown, cannot_connect_now (the server is starting or stopping). */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    /** Whether {@code failure} means PostgreSQL could not be reached or the connection broke. */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Hikari's "connection is not available, request timed out" (the pool could not open one)
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || SERVER_GOING_AWAY.contains(sql.getSQLState()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The innermost message of the chain, for logs and exception messages. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
