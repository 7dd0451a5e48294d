package io.workflow.adapters.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with the versioned migrations in {@code db/migration}. Runs over
 * its own short-lived connection straight to PostgreSQL, never through PgBouncer: Flyway holds a
 * session-level advisory lock while it migrates, and transaction pooling would hand that session
 * to someone else between statements.
 */
public final class PostgresMigrations {
    private static final String LOCATION = "classpath:db/migration";

    private PostgresMigrations() {
    }

    /** Applies pending migrations (concurrent callers wait for each other); returns how many were applied. */
    public static int apply(PostgresSettings settings) {
        MigrateResult result = Flyway.configure(PostgresMigrations.class.getClassLoader())
                .dataSource(settings.directJdbcUrl(), settings.user(), settings.password())
                .locations(LOCATION)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
