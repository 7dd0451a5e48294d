package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementDml;
import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.workflow.SigningSecrets;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.workflow.adapters.postgres.ColumnValues.instant;
import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;

/** Signing secrets in the {@code webhook_signing_secrets} table, one row per workflow. */
final class PostgresSigningSecretRepository implements SigningSecretRepository {
    private static final String UPSERT = "upsert-signing-secrets";
    private static final String FIND = "find-signing-secrets";

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            UPSERT, """
                    INSERT INTO webhook_signing_secrets (workflow_uuid, current_secret, previous_secret, previous_until)
                    VALUES (CAST(? AS uuid), ?, CAST(? AS text), CAST(? AS timestamptz))
                    ON CONFLICT (workflow_uuid) DO UPDATE SET current_secret = EXCLUDED.current_secret,
                        previous_secret = EXCLUDED.previous_secret, previous_until = EXCLUDED.previous_until""",
            FIND, """
                    SELECT current_secret, previous_secret, previous_until
                    FROM webhook_signing_secrets WHERE workflow_uuid = CAST(? AS uuid)""");

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresSigningSecretRepository(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    /** An upsert writes the same row however often it runs, so a retried statement is harmless. */
    @Override
    public void save(UUID workflowId, SigningSecrets secrets) {
        retry.run("save signing secrets", retrying -> addParams(db.execute().createNamedUpdate(UPSERT).addParam(workflowId), secrets)
                .execute());
    }

    /** The secrets as the three parameters that follow a workflow's uuid in a statement that writes them. */
    static DbStatementDml addParams(DbStatementDml statement, SigningSecrets secrets) {
        return statement.addParam(secrets.current())
                .addParam(secrets.previous())
                .addParam(secrets.previousUntil() == null ? null : timestamp(secrets.previousUntil()));
    }

    @Override
    public Optional<SigningSecrets> find(UUID workflowId) {
        return retry.run("find signing secrets", retrying -> db.execute().createNamedGet(FIND)
                .addParam(workflowId)
                .execute()
                .map(PostgresSigningSecretRepository::secrets));
    }

    private static SigningSecrets secrets(DbRow row) {
        return new SigningSecrets(text(row, "current_secret"), text(row, "previous_secret"), instant(row, "previous_until"));
    }
}
