package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.Workflow;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.workflow.adapters.postgres.ColumnValues.instant;
import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;
import static io.workflow.adapters.postgres.ColumnValues.uuid;

/** Workflows in the {@code workflows} table; the steps are one {@code jsonb} document. */
public final class PostgresWorkflowRepository implements WorkflowRepository {
    private static final String INSERT = "insert-workflow";
    private static final String FIND_BY_ID = "find-workflow-by-id";

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            INSERT, """
                    INSERT INTO workflows (uuid, client_id, name, description, steps, created_at, tenant)
                    VALUES (CAST(? AS uuid), ?, ?, ?, CAST(? AS jsonb), ?, ?)""",
            FIND_BY_ID, """
                    SELECT uuid, client_id, name, description, CAST(steps AS text) AS steps, created_at, tenant
                    FROM workflows WHERE uuid = CAST(? AS uuid)""");

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresWorkflowRepository(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    @Override
    public void save(Workflow workflow) {
        String steps = JsonColumns.steps(workflow.steps());
        try {
            retry.insert("save workflow", () -> db.execute().createNamedInsert(INSERT)
                    .addParam(workflow.uuid())
                    .addParam(workflow.id())
                    .addParam(workflow.name())
                    .addParam(workflow.description())
                    .addParam(steps)
                    .addParam(timestamp(workflow.createdAt()))
                    .addParam(workflow.tenant())
                    .execute());
        } catch (DbClientException e) {
            if (ColumnValues.isUniqueViolation(e)) {
                throw new IllegalStateException("workflow " + workflow.uuid() + " already exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Workflow> findById(UUID uuid) {
        return retry.run("find workflow", retrying -> db.execute().createNamedGet(FIND_BY_ID)
                .addParam(uuid)
                .execute()
                .map(PostgresWorkflowRepository::workflow));
    }

    private static Workflow workflow(DbRow row) {
        return new Workflow(uuid(row, "uuid"), text(row, "client_id"), text(row, "name"), text(row, "description"),
                JsonColumns.steps(text(row, "steps")), instant(row, "created_at"), text(row, "tenant"));
    }
}
