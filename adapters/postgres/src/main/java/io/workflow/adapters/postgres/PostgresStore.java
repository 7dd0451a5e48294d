package io.workflow.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbStatements;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;
import io.workflow.domain.port.IdempotencyKeys;
import io.workflow.domain.port.ApiKeyRepository;
import io.workflow.domain.port.DeadLetterRepository;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.WorkflowRepository;

import java.time.Duration;
import java.util.Map;

/**
 * The service's way into PostgreSQL: one HikariCP pool, the Helidon DB client over it, and the
 * repositories. Whoever opens a store closes it. Opening does not touch the schema; run
 * {@link PostgresMigrations#apply} first. Every statement of the repositories goes through one
 * {@link ConnectionRetry}: a statement whose connection fails is tried again for up to
 * {@link PostgresSettings#retryBudget()}, then fails with {@code StoreUnavailableException}.
 */
public final class PostgresStore implements AutoCloseable {
    private static final String POOL_NAME = "workflow-postgres";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
    private static final Duration KEEPALIVE = Duration.ofMinutes(2);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource dataSource;
    private final DbClient db;
    private final PostgresWorkflowRepository workflows;
    private final PostgresRunRepository runs;
    private final PostgresSigningSecretRepository signingSecrets;
    private final PostgresIdempotencyKeys idempotencyKeys;
    private final PostgresApiKeyRepository apiKeys;
    private final PostgresDeadLetterRepository deadLetters;

    private PostgresStore(HikariDataSource dataSource, DbClient db, ConnectionRetry retry) {
        this.dataSource = dataSource;
        this.db = db;
        this.workflows = new PostgresWorkflowRepository(db, retry);
        this.runs = new PostgresRunRepository(db, dataSource, retry);
        this.signingSecrets = new PostgresSigningSecretRepository(db, retry);
        this.idempotencyKeys = new PostgresIdempotencyKeys(db, retry);
        this.apiKeys = new PostgresApiKeyRepository(db, retry);
        this.deadLetters = new PostgresDeadLetterRepository(db, retry);
    }

    /** Opens the pool and the DB client; Hikari fills the pool in the background, so PostgreSQL may still be down. */
    public static PostgresStore open(PostgresSettings settings) {
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(settings));
        try {
            DbStatements.Builder statements = DbStatements.builder();
            addAll(statements, PostgresWorkflowRepository.STATEMENTS);
            addAll(statements, PostgresRunRepository.STATEMENTS);
            addAll(statements, PostgresSigningSecretRepository.STATEMENTS);
            addAll(statements, PostgresIdempotencyKeys.STATEMENTS);
            addAll(statements, PostgresApiKeyRepository.STATEMENTS);
            addAll(statements, PostgresDeadLetterRepository.STATEMENTS);
            DbClient db = JdbcClientBuilder.create()
                    .connectionPool(new HikariConnectionPool(dataSource))
                    .statements(statements.build())
                    .build();
            return new PostgresStore(dataSource, db, new ConnectionRetry(settings.retryBudget()));
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The workflow repository backed by this store. */
    public WorkflowRepository workflows() {
        return workflows;
    }

    /** The run repository backed by this store. */
    public RunRepository runs() {
        return runs;
    }

    /** The webhook signing secret repository backed by this store. */
    public SigningSecretRepository signingSecrets() {
        return signingSecrets;
    }

    /** The idempotency keys kept in this store. */
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    /** The API key repository backed by this store. */
    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    /** The dead letters kept in this store. */
    public DeadLetterRepository deadLetters() {
        return deadLetters;
    }

    /** Whether PostgreSQL answers a trivial query right now; for readiness checks, never throws. */
    public boolean ping() {
        try {
            return db.execute().createGet("SELECT 1 AS ok").execute().isPresent();
        } catch (DbClientException e) {
            return false;
        }
    }

    /**
     * The pool's use right now, from Hikari's pool bean; all zero while the pool has not started
     * (Hikari creates the bean with the pool, in the background when PostgreSQL is down at start).
     */
    public PoolUsage poolUsage() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolUsage(0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolUsage(pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
                dataSource.getMaximumPoolSize());
    }

    /** The DB client, for tests in this package that inspect what the repositories execute. */
    DbClient dbClient() {
        return db;
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            dataSource.close();
        }
    }

    private static HikariConfig hikariConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        // A fixed-size pool, as Hikari recommends: no connection churn under bursts.
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(settings.poolSize());
        config.setConnectionTimeout(settings.poolWait().toMillis());
        config.setValidationTimeout(Math.min(VALIDATION_TIMEOUT.toMillis(), settings.connectTimeout().toMillis() / 2));
        config.setMaxLifetime(MAX_LIFETIME.toMillis());
        config.setKeepaliveTime(KEEPALIVE.toMillis());
        // Start even when PostgreSQL is not up yet; requests fail fast until it is, readiness says so.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    private static void addAll(DbStatements.Builder builder, Map<String, String> statements) {
        statements.forEach(builder::addStatement);
    }
}
