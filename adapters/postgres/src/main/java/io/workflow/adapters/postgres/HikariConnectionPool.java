package io.workflow.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands Hikari's connections to the Helidon DB Client, which closes (returns) each one when its
 * statement is done. The pool itself belongs to {@link PostgresStore}, so this deliberately is not
 * a {@code CloseableJdbcConnectionPool}: closing the DB client must not close somebody else's pool.
 */
final class HikariConnectionPool implements JdbcConnectionPool {
    private final HikariDataSource dataSource;

    HikariConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no PostgreSQL connection from pool " + dataSource.getPoolName(), e);
        }
    }
}
