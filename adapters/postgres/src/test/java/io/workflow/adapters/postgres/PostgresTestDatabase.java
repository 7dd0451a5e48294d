package io.workflow.adapters.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;

/**
 * The real PostgreSQL the integration tests use, from the environment: {@code POSTGRES_HOST}
 * (127.0.0.1), {@code POSTGRES_PORT} (6432, PgBouncer), {@code POSTGRES_DIRECT_PORT} (5432),
 * {@code POSTGRES_IT_DB} (workflow_it: a database of its own beside the stack's, which ops/stack
 * creates, so that the stack's workers never claim a test's runs), {@code POSTGRES_USER},
 * {@code POSTGRES_PASSWORD} (workflow) and {@code POSTGRES_PREPARED_STATEMENTS} (false). Migrations run once per JVM.
 */
final class PostgresTestDatabase {
    private static final int POOL_SIZE = 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POOL_WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY_BUDGET = Duration.ofSeconds(2);
    private static boolean migrated;

    private PostgresTestDatabase() {
    }

    static PostgresSettings settings() {
        String host = env("POSTGRES_HOST", "127.0.0.1");
        return new PostgresSettings(host, Integer.parseInt(env("POSTGRES_PORT", "6432")),
                env("POSTGRES_IT_DB", "workflow_it"), env("POSTGRES_USER", "workflow"), env("POSTGRES_PASSWORD", "workflow"),
                Boolean.parseBoolean(env("POSTGRES_PREPARED_STATEMENTS", "false")), POOL_SIZE,
                host, Integer.parseInt(env("POSTGRES_DIRECT_PORT", "5432")), CONNECT_TIMEOUT,
                POOL_WAIT, RETRY_BUDGET);
    }

    /** A store on the migrated test database; the caller closes it. */
    static synchronized PostgresStore openStore() {
        PostgresSettings settings = settings();
        if (!migrated) {
            PostgresMigrations.apply(settings);
            migrated = true;
        }
        return PostgresStore.open(settings);
    }

    /**
     * A store for one test class, registered as an extension
     * ({@code @RegisterExtension static final PostgresTestDatabase.ClassStore db = new ClassStore();}):
     * opened with the class, closed after its last test.
     */
    static final class ClassStore implements AfterAllCallback {
        final PostgresStore store = openStore();

        @Override
        public void afterAll(ExtensionContext context) {
            store.close();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
