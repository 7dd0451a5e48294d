package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementDml;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.StoreUnavailableException;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.workflow.adapters.postgres.ColumnValues.instant;
import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;
import static io.workflow.adapters.postgres.ColumnValues.uuid;

/**
 * Workflows in the {@code workflows} table, which holds each one's current version; the steps are one
 * {@code jsonb} document. Every version, the current one included, is also in {@code workflow_versions} (V8).
 */
public final class PostgresWorkflowRepository implements WorkflowRepository {
    private static final String INSERT = "insert-workflow";
    private static final String INSERT_WITH_SECRETS = "insert-workflow-with-signing-secrets";
    private static final String FIND_BY_ID = "find-workflow-by-id";
    private static final String LIST = "list-workflows";
    private static final String ARCHIVE = "archive-workflow";
    private static final String REVISE = "revise-workflow";
    private static final String FIND_VERSION = "find-workflow-version";
    private static final String LIST_VERSIONS = "list-workflow-versions";
    private static final String COLUMNS = "uuid, client_id, name, description, CAST(steps AS text) AS steps, created_at, archived_at, "
            + "CAST(options AS text) AS options, tenant, version";
    // A version's definition with what belongs to the workflow as a whole: its creation, archive mark and tenant.
    private static final String VERSION_COLUMNS = """
            v.workflow_uuid AS uuid, v.client_id, v.name, v.description, w.created_at, w.archived_at,
            CAST(v.options AS text) AS options, w.tenant, v.version""";

    private static final String SAVED = """
            WITH saved AS (
                INSERT INTO workflows (uuid, client_id, name, description, steps, created_at, options, tenant)
                VALUES (CAST(? AS uuid), ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS jsonb), ?)
                RETURNING *)""";
    private static final String VERSION_ONE = """
            INSERT INTO workflow_versions (workflow_uuid, version, client_id, name, description, steps, options, created_at)
            SELECT uuid, version, client_id, name, description, steps, options, created_at FROM saved""";

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            // The workflow and its version 1, in one statement; with its first signing secrets in the same one.
            INSERT, SAVED + "\n" + VERSION_ONE,
            INSERT_WITH_SECRETS, SAVED + """
                    ,
                    secrets AS (
                        INSERT INTO webhook_signing_secrets (workflow_uuid, current_secret, previous_secret, previous_until)
                        SELECT uuid, ?, CAST(? AS text), CAST(? AS timestamptz) FROM saved)
                    """ + VERSION_ONE,
            // The UPDATE's row lock makes concurrent revisions take turns, each numbering its version one
            // past the version the one before it committed; an archived workflow matches no row.
            REVISE, """
                    WITH revised AS (
                        UPDATE workflows
                        SET version = version + 1, client_id = ?, name = ?, description = ?, steps = CAST(? AS jsonb),
                            options = CAST(? AS jsonb)
                        WHERE uuid = CAST(? AS uuid) AND archived_at IS NULL
                        RETURNING *),
                    kept AS (
                        INSERT INTO workflow_versions (workflow_uuid, version, client_id, name, description, steps, options, created_at)
                        SELECT uuid, version, client_id, name, description, steps, options, ? FROM revised)
                    SELECT\s""" + COLUMNS + " FROM revised",
            FIND_VERSION, "SELECT " + VERSION_COLUMNS + """
                    , CAST(v.steps AS text) AS steps
                    FROM workflow_versions v JOIN workflows w ON w.uuid = v.workflow_uuid
                    WHERE v.workflow_uuid = CAST(? AS uuid) AND v.version = ?""",
            // Newest version first, below the cursor's, within the byte budget as the workflow listing counts it.
            LIST_VERSIONS, "SELECT " + VERSION_COLUMNS + """
                    , CASE WHEN fits THEN CAST(v.steps AS text) END AS steps, fits
                    FROM (SELECT *, row_number() OVER x = 1 OR sum(pg_column_size(steps)) OVER x <= ? AS fits
                          FROM workflow_versions
                          WHERE workflow_uuid = CAST(? AS uuid) AND version < ?
                          WINDOW x AS (ORDER BY version DESC ROWS UNBOUNDED PRECEDING)
                          ORDER BY version DESC
                          LIMIT ?) AS v
                    JOIN workflows w ON w.uuid = v.workflow_uuid
                    ORDER BY v.version DESC""",
            FIND_BY_ID, "SELECT " + COLUMNS + " FROM workflows WHERE uuid = CAST(? AS uuid)",
            // The page's workflows, newest first, with a running sum of their stored definitions'
            // sizes: a row whose definition would take the page past its byte budget comes back
            // without it (fits = false), so no more than the budget leaves the database. Only the
            // caller's tenant's workflows.
            LIST, """
                    SELECT uuid, client_id, name, description, created_at, archived_at,
                           CASE WHEN fits THEN CAST(steps AS text) END AS steps, CAST(options AS text) AS options,
                           tenant, version, fits
                    FROM (SELECT *, row_number() OVER w = 1 OR sum(pg_column_size(steps)) OVER w <= ? AS fits
                          FROM workflows
                          WHERE archived_at IS NULL
                            AND tenant = ?
                            AND (CAST(? AS text) IS NULL OR name = ?)
                            AND (CAST(? AS timestamptz) IS NULL OR (created_at, uuid) < (?, CAST(? AS uuid)))
                          WINDOW w AS (ORDER BY created_at DESC, uuid DESC ROWS UNBOUNDED PRECEDING)
                          ORDER BY created_at DESC, uuid DESC
                          LIMIT ?) AS page
                    ORDER BY created_at DESC, uuid DESC""",
            ARCHIVE, """
                    UPDATE workflows SET archived_at = COALESCE(archived_at, ?)
                    WHERE uuid = CAST(? AS uuid)
                    RETURNING\s""" + COLUMNS);

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresWorkflowRepository(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    @Override
    public void save(Workflow workflow) {
        insert(workflow, null);
    }

    /** One statement, so one round trip and one commit for both: they are written with every new workflow. */
    @Override
    public void save(Workflow workflow, SigningSecrets secrets) {
        insert(workflow, Objects.requireNonNull(secrets, "secrets"));
    }

    /** Stores the workflow, and {@code secrets} with it unless null. */
    private void insert(Workflow workflow, SigningSecrets secrets) {
        String steps = JsonColumns.steps(workflow.steps());
        try {
            retry.insert("save workflow", () -> {
                DbStatementDml statement = db.execute().createNamedInsert(secrets == null ? INSERT : INSERT_WITH_SECRETS)
                        .addParam(workflow.uuid())
                        .addParam(workflow.id())
                        .addParam(workflow.name())
                        .addParam(workflow.description())
                        .addParam(steps)
                        .addParam(timestamp(workflow.createdAt()))
                        .addParam(JsonColumns.options(workflow))
                        .addParam(workflow.tenant());
                if (secrets != null) {
                    PostgresSigningSecretRepository.addParams(statement, secrets);
                }
                statement.execute();
            });
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

    @Override
    public Page<Workflow> list(WorkflowQuery query) {
        PageRequest page = query.page();
        Cursor after = page.after();
        return retry.run("list workflows", retrying -> {
            try (Stream<DbRow> rows = db.execute().createNamedQuery(LIST)
                    .addParam(page.maxBytes())
                    .addParam(query.tenant())
                    .addParam(query.name())
                    .addParam(query.name())
                    .addParam(after == null ? null : timestamp(after.createdAt()))
                    .addParam(after == null ? null : timestamp(after.createdAt()))
                    .addParam(after == null ? null : after.id())
                    .addParam(page.limit() + 1)
                    .execute()) {
                Fitting fitting = Fitting.of(rows, page.limit());
                Workflow last = fitting.more() ? fitting.items().getLast() : null;
                return new Page<>(fitting.items(), last == null ? null : new Cursor(last.createdAt(), last.uuid()));
            }
        });
    }

    @Override
    public Optional<Workflow> revise(Workflow revised, Instant at) {
        // Not tried again after a broken connection: the first try may have been stored, and a second
        // would store the same definition as one more version. The client is told it may have been.
        return retry.run("revise workflow", retrying -> {
            if (retrying) {
                throw new StoreUnavailableException("revise workflow: the connection to PostgreSQL broke; "
                        + "the revision may or may not have been stored (read the workflow's versions)", null);
            }
            return db.execute().createNamedGet(REVISE)
                    .addParam(revised.id())
                    .addParam(revised.name())
                    .addParam(revised.description())
                    .addParam(JsonColumns.steps(revised.steps()))
                    .addParam(JsonColumns.options(revised))
                    .addParam(revised.uuid())
                    .addParam(timestamp(at))
                    .execute()
                    .map(PostgresWorkflowRepository::workflow);
        });
    }

    @Override
    public Optional<Workflow> findVersion(UUID uuid, int version) {
        return retry.run("find workflow version", retrying -> db.execute().createNamedGet(FIND_VERSION)
                .addParam(uuid)
                .addParam(version)
                .execute()
                .map(PostgresWorkflowRepository::workflow));
    }

    @Override
    public Page<Workflow> versions(UUID uuid, PageRequest page) {
        int below = page.after() == null ? Integer.MAX_VALUE : WorkflowRepository.versionAfter(page.after());
        return retry.run("list workflow versions", retrying -> {
            try (Stream<DbRow> rows = db.execute().createNamedQuery(LIST_VERSIONS)
                    .addParam(page.maxBytes())
                    .addParam(uuid)
                    .addParam(below)
                    .addParam(page.limit() + 1)
                    .execute()) {
                Fitting fitting = Fitting.of(rows, page.limit());
                return new Page<>(fitting.items(), fitting.more()
                        ? WorkflowRepository.versionCursor(uuid, fitting.items().getLast().version()) : null);
            }
        });
    }

    @Override
    public Optional<Workflow> archive(UUID uuid, Instant at) {
        // Done twice is harmless: the second keeps the first archive time.
        return retry.run("archive workflow", retrying -> db.execute().createNamedGet(ARCHIVE)
                .addParam(timestamp(at))
                .addParam(uuid)
                .execute()
                .map(PostgresWorkflowRepository::workflow));
    }

    /**
     * A budgeted page read from its rows (at most limit + 1, each saying whether its definition
     * {@code fits} the byte budget): the workflows on it, and whether more follow.
     */
    private record Fitting(List<Workflow> items, boolean more) {
        static Fitting of(Stream<DbRow> rows, int limit) {
            List<Workflow> items = new ArrayList<>();
            Iterator<DbRow> iterator = rows.iterator();
            while (iterator.hasNext()) {
                DbRow row = iterator.next();
                if (items.size() == limit || !Boolean.TRUE.equals(row.column("fits").as(Boolean.class).get())) {
                    return new Fitting(items, true);
                }
                items.add(workflow(row));
            }
            return new Fitting(items, false);
        }
    }

    private static Workflow workflow(DbRow row) {
        return new Workflow(uuid(row, "uuid"), text(row, "client_id"), text(row, "name"), text(row, "description"),
                JsonColumns.steps(text(row, "steps")), instant(row, "created_at"),
                JsonColumns.optionsRetry(text(row, "options")), JsonColumns.optionsTimeout(text(row, "options")),
                instant(row, "archived_at"), text(row, "tenant"), ((Number) row.column("version").get()).intValue(),
                JsonColumns.optionsPayloadSchema(text(row, "options")));
    }
}
