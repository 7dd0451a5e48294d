package io.workflow.adapters.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Where PostgreSQL is and how to reach it. The service goes through {@code host}:{@code port}
 * (PostgreSQL, or PgBouncer in front of it); migrations go straight to PostgreSQL at
 * {@code directHost}:{@code directPort}, because Flyway's session-level advisory lock does not
 * survive PgBouncer's transaction pooling. {@code preparedStatements}: whether pgjdbc may prepare a
 * statement on the server once it has run five times, so PostgreSQL parses and plans it once per
 * connection instead of at every execution. Only where a connection keeps its server session:
 * PostgreSQL itself, or PgBouncer in session pooling. PgBouncer 1.18 in transaction pooling hands
 * each transaction any server connection and does not carry prepared statements along, so there
 * it must be off (the URL then says {@code prepareThreshold=0}). {@code poolWait} is how long a statement waits for a pooled
 * connection: under a burst, waiting in the queue beats failing (a short wait turned 10,000 users
 * into thousands of 500s). {@code retryBudget} is how long in all a statement is tried again while
 * its connection fails (PostgreSQL or PgBouncer restarting) before the store reports itself
 * unavailable.
 */
public record PostgresSettings(String host, int port, String database, String user, String password,
                               boolean preparedStatements, int poolSize, String directHost, int directPort,
                               Duration connectTimeout, Duration poolWait, Duration retryBudget) {
    /** A statement that hangs longer than this fails instead of holding a pooled connection forever. */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(directHost, "directHost");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(poolWait, "poolWait");
        Objects.requireNonNull(retryBudget, "retryBudget");
        if (retryBudget.isNegative()) {
            throw new IllegalArgumentException("retryBudget must not be negative, not " + retryBudget);
        }
        if (poolWait.toMillis() < 250) {
            throw new IllegalArgumentException("poolWait must be at least 250 ms, not " + poolWait);
        }
        requirePort(port, "port");
        requirePort(directPort, "directPort");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, not " + poolSize);
        }
        if (connectTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("connectTimeout must be at least 1 s, not " + connectTimeout);
        }
    }

    /** The JDBC URL the service's pool uses; without {@code preparedStatements}, no statement is prepared on the server. */
    public String jdbcUrl() {
        StringBuilder url = new StringBuilder(url(host, port))
                .append("&socketTimeout=").append(SOCKET_TIMEOUT.toSeconds());
        if (!preparedStatements) {
            // behind a transaction pooler a named statement prepared on one server connection is
            // missing on the next one ("prepared statement S_1 does not exist")
            url.append("&prepareThreshold=0");
        }
        return url.toString();
    }

    /** The JDBC URL of PostgreSQL itself, bypassing PgBouncer; for migrations only. */
    public String directJdbcUrl() {
        return url(directHost, directPort);
    }

    private String url(String targetHost, int targetPort) {
        return "jdbc:postgresql://" + targetHost + ":" + targetPort + "/" + database
                + "?connectTimeout=" + connectTimeout.toSeconds() + "&tcpKeepAlive=true";
    }

    private static void requirePort(int value, String name) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(name + " must be a TCP port, not " + value);
        }
    }

    /** Leaves the password out, so settings can be logged. */
    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + database + ", preparedStatements=" + preparedStatements
                + ", poolSize=" + poolSize + ", direct=" + directHost + ":" + directPort + ", connectTimeout=" + connectTimeout + ", poolWait=" + poolWait
                + ", retryBudget=" + retryBudget + "]";
    }
}
