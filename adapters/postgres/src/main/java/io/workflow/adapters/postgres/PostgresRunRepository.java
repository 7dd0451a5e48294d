package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementQuery;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.ListOrder;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.RunSummary;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 * Runs in the {@code runs} table. Listing is keyset pagination over {@code (created_at, id)}, newest
 * or oldest first, never an offset; every change after the insert is a single conditional {@code UPDATE}.
 * Parameters are positional ({@code ?}): the DB client then skips parsing named parameters on every
 * execution, which cost ~3 % of an API replica's CPU under the benchmark's flow.
 */
public final class PostgresRunRepository implements RunRepository {
    private static final String INSERT = "insert-run";
    private static final String FIND_BY_ID = "find-run-by-id";
    private static final String COMPARE_AND_SET = "compare-and-set-run";
    private static final String CLAIM = "claim-run";
    private static final String FIND_STRANDED = "find-stranded-runs";
    private static final String CLAIM_DUE = "claim-due-runs";

    // Timestamps come back as epoch microseconds: pgjdbc's Timestamp decoding (a Calendar per value)
    // cost more than the rest of a listed row. The aliases shadow the columns in ORDER BY, so the
    // statements order by the qualified columns (runs.created_at), which the indexes serve.
    private static final String COLUMNS = """
            id, workflow_id, status, CAST(payload AS text) AS payload, %s, %s, %s, error,
            CAST(step_results AS text) AS step_results, %s, attempt, CAST(timer AS text) AS timer, tenant, workflow_version""".formatted(
            epochMicros("created_at"), epochMicros("started_at"), epochMicros("completed_at"), epochMicros("lease_expires_at"));

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = statements();

    private final DbClient db;
    private final DataSource dataSource;
    private final ConnectionRetry retry;

    /** {@code dataSource} is the pool {@code db} draws from: the listing of summaries reads it with plain JDBC. */
    PostgresRunRepository(DbClient db, DataSource dataSource, ConnectionRetry retry) {
        this.db = db;
        this.dataSource = dataSource;
        this.retry = retry;
    }

    @Override
    public void insert(Run run) {
        String payload = JsonColumns.write(run.payload());
        String stepResults = JsonColumns.stepResults(run.stepResults());
        try {
            retry.insert("insert run", () -> db.execute().createNamedInsert(INSERT)
                    .addParam(run.id())
                    .addParam(run.workflowId())
                    .addParam(statusName(run.status()))
                    .addParam(payload)
                    .addParam(timestamp(run.createdAt()))
                    .addParam(timestamp(run.startedAt()))
                    .addParam(timestamp(run.completedAt()))
                    .addParam(run.error())
                    .addParam(stepResults)
                    .addParam(timestamp(run.leaseExpiresAt()))
                    .addParam(run.attempt())
                    .addParam(JsonColumns.utf8Length(payload))
                    .addParam(JsonColumns.utf8Length(stepResults))
                    .addParam(run.tenant())
                    .addParam(run.workflowVersion())
                    .execute());
        } catch (DbClientException e) {
            if (ColumnValues.isUniqueViolation(e)) {
                throw new IllegalStateException("run " + run.id() + " already exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Run> findById(UUID id) {
        return retry.run("find run", retrying -> find(id));
    }

    @Override
    public Page<Run> list(RunQuery query) {
        return retry.run("list runs", retrying -> page(query));
    }

    /**
     * The page {@link #list} reads, with the same statement, but through plain JDBC and without
     * decoding the payload: the DB client's per-row column metadata and the payload's
     * text → tree → text round trip were most of a listed run's cost.
     */
    @Override
    public Page<RunSummary> summaries(RunQuery query) {
        return retry.run("list runs", retrying -> summaryPage(query));
    }

    private Page<RunSummary> summaryPage(RunQuery query) {
        PageRequest page = query.page();
        List<RunSummary> items = new ArrayList<>();
        boolean more = false;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(STATEMENTS.get(listStatementName(query)))) {
            List<Object> parameters = listParameters(query);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (items.size() == page.limit() || !rows.getBoolean("fits")) {
                        more = true;
                        break;
                    }
                    items.add(summary(rows));
                }
            }
        } catch (SQLException e) {
            // Unchecked with its cause, so that ConnectionRetry still tells a broken connection from a fault.
            throw new IllegalStateException("listing runs failed: " + e.getMessage(), e);
        }
        if (!more) {
            return new Page<>(items, null);
        }
        RunSummary last = items.getLast();
        return new Page<>(items, new Cursor(last.createdAt(), last.id()));
    }

    /** A listed row, by the positions of {@link #COLUMNS} (which listSql's outer select keeps). */
    private static RunSummary summary(ResultSet row) throws SQLException {
        String payload = row.getString(4);
        return new RunSummary(row.getObject(1, UUID.class), row.getObject(2, UUID.class), status(row.getString(3)),
                payload == null ? null : new JsonText(payload), epochMicros(row, 5), epochMicros(row, 6), epochMicros(row, 7),
                row.getString(8), JsonColumns.stepResultsWithOutputText(row.getString(9)), row.getInt(11), row.getInt("workflow_version"));
    }

    private static Instant epochMicros(ResultSet row, int column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : ColumnValues.epochMicros(micros);
    }

    private Optional<Run> find(UUID id) {
        return db.execute().createNamedGet(FIND_BY_ID)
                .addParam(id)
                .execute()
                .map(PostgresRunRepository::run);
    }

    private Page<Run> page(RunQuery query) {
        PageRequest page = query.page();
        DbStatementQuery statement = db.execute().createNamedQuery(listStatementName(query));
        statement.params(listParameters(query));
        // One row more than asked for tells whether another page follows; so does a row past the budget.
        List<Run> items = new ArrayList<>();
        boolean more = false;
        try (Stream<DbRow> rows = statement.execute()) {
            for (Iterator<DbRow> it = rows.iterator(); it.hasNext(); ) {
                DbRow row = it.next();
                if (items.size() == page.limit() || !Boolean.TRUE.equals(row.column("fits").as(Boolean.class).get())) {
                    more = true;
                    break;
                }
                items.add(run(row));
            }
        }
        if (!more) {
            return new Page<>(items, null);
        }
        Run last = items.getLast();
        return new Page<>(items, new Cursor(last.createdAt(), last.id()));
    }

    /**
     * Retried like every statement when the connection fails. Setting the same values again is
     * harmless; but when an earlier attempt did take effect before its connection broke, the retry
     * finds the run changed and would answer false, so it then looks whether the change it finds is
     * this one (the same status, lease, completion time and steps: a lease or completion time is a
     * microsecond instant of this worker's clock, no other writer's).
     */
    @Override
    public boolean compareAndSet(Run expected, Run next) {
        if (!expected.id().equals(next.id())) {
            throw new IllegalArgumentException("compare-and-set must keep the run's id");
        }
        String stepResults = JsonColumns.stepResults(next.stepResults());
        return retry.run("compare-and-set run", retrying -> {
            long changed = db.execute().createNamedUpdate(COMPARE_AND_SET)
                    .addParam(statusName(next.status()))
                    .addParam(timestamp(next.startedAt()))
                    .addParam(timestamp(next.completedAt()))
                    .addParam(next.error())
                    .addParam(stepResults)
                    .addParam(JsonColumns.utf8Length(stepResults))
                    .addParam(timestamp(next.leaseExpiresAt()))
                    .addParam(next.attempt())
                    .addParam(JsonColumns.timer(next.timer()))
                    .addParam(expected.id())
                    .addParam(statusName(expected.status()))
                    .addParam(timestamp(expected.leaseExpiresAt()))
                    .execute();
            return changed == 1 || retrying && find(next.id()).filter(stored -> sameChange(stored, next)).isPresent();
        });
    }

    /**
     * One conditional {@code UPDATE … RETURNING}: no read before it, so a claim costs one statement
     * (and one PgBouncer transaction) instead of a read and a compare-and-set. Retried like every
     * statement when the connection fails; when an earlier attempt did claim the run before its
     * connection broke, the retry finds it held until {@code leaseUntil} (a microsecond instant of
     * this worker's clock, no other claimer's) and takes that as its own claim.
     */
    @Override
    public Optional<Run> claim(UUID id, Instant now, Instant leaseUntil) {
        return retry.run("claim run", retrying -> {
            Optional<Run> claimed = db.execute().createNamedGet(CLAIM)
                    .addParam(timestamp(now))
                    .addParam(timestamp(leaseUntil))
                    .addParam(id)
                    .addParam(timestamp(now))
                    .execute()
                    .map(PostgresRunRepository::run);
            if (claimed.isPresent() || !retrying) {
                return claimed;
            }
            Instant held = leaseUntil.truncatedTo(ChronoUnit.MICROS);
            return find(id).filter(stored -> stored.status() == RunStatus.RUNNING && held.equals(stored.leaseExpiresAt()));
        });
    }

    @Override
    public List<Run> findStranded(Instant pendingBefore, Instant now, int limit) {
        return retry.run("find stranded runs", retrying -> runs(db.execute().createNamedQuery(FIND_STRANDED)
                .addParam(timestamp(pendingBefore))
                .addParam(timestamp(now))
                .addParam(limit)));
    }

    @Override
    public List<Run> claimDue(Instant now, Instant leaseUntil, int limit) {
        return retry.run("claim due runs", retrying -> runs(db.execute().createNamedQuery(CLAIM_DUE)
                .addParam(timestamp(leaseUntil))
                .addParam(timestamp(now))
                .addParam(limit)
                .addParam(timestamp(now))));
    }

    private static boolean sameChange(Run stored, Run next) {
        return stored.status() == next.status() && stored.attempt() == next.attempt()
                && Objects.equals(stored.leaseExpiresAt(), next.leaseExpiresAt())
                && Objects.equals(stored.completedAt(), next.completedAt())
                && stored.stepResults().keySet().equals(next.stepResults().keySet());
    }

    /**
     * The listing statement's parameters in the order listSql writes their places: the byte budget,
     * the tenant, the filters, the time bounds, the cursor, and the limit plus one (the row that
     * tells whether another page follows).
     */
    private static List<Object> listParameters(RunQuery query) {
        PageRequest page = query.page();
        List<Object> parameters = new ArrayList<>(10);
        parameters.add(page.maxBytes());
        parameters.add(query.tenant());
        if (query.status() != null) {
            parameters.add(statusName(query.status()));
        }
        if (query.workflowId() != null) {
            parameters.add(query.workflowId());
        }
        if (query.createdAfter() != null) {
            parameters.add(timestamp(query.createdAfter()));
        }
        if (query.createdBefore() != null) {
            parameters.add(timestamp(query.createdBefore()));
        }
        if (page.after() != null) {
            parameters.add(timestamp(page.after().createdAt()));
            parameters.add(page.after().id());
        }
        parameters.add(page.limit() + 1);
        return parameters;
    }

    private static String listStatementName(RunQuery query) {
        return ListShape.of(query).statementName();
    }

    /**
     * Which predicates and which order one listing statement has: one statement per combination,
     * so each is planned for exactly what it filters on.
     */
    record ListShape(boolean byStatus, boolean byWorkflow, boolean createdAfter, boolean createdBefore,
                     boolean afterCursor, boolean oldestFirst) {

        static ListShape of(RunQuery query) {
            return new ListShape(query.status() != null, query.workflowId() != null, query.createdAfter() != null,
                    query.createdBefore() != null, query.page().after() != null,
                    query.order() == ListOrder.OLDEST_FIRST);
        }

        /** Every combination, 64 of them. */
        static List<ListShape> all() {
            List<ListShape> shapes = new ArrayList<>(64);
            for (int bits = 0; bits < 64; bits++) {
                shapes.add(new ListShape((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0,
                        (bits & 16) != 0, (bits & 32) != 0));
            }
            return shapes;
        }

        /** The name the statement is registered under with the DB client. */
        String statementName() {
            return "list-runs" + (byStatus ? "-by-status" : "") + (byWorkflow ? "-by-workflow" : "")
                    + (createdAfter ? "-created-after" : "") + (createdBefore ? "-created-before" : "")
                    + (afterCursor ? "-after-cursor" : "") + (oldestFirst ? "-oldest-first" : "");
        }
    }

    private static List<Run> runs(DbStatementQuery statement) {
        try (Stream<DbRow> rows = statement.execute()) {
            return rows.map(PostgresRunRepository::run).toList();
        }
    }

    private static String epochMicros(String column) {
        return "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000000 AS bigint) AS " + column;
    }

    private static Run run(DbRow row) {
        return new Run(uuid(row, "id"), uuid(row, "workflow_id"), status(text(row, "status")),
                JsonColumns.payload(text(row, "payload")), instant(row, "created_at"), instant(row, "started_at"),
                instant(row, "completed_at"), text(row, "error"), JsonColumns.stepResults(text(row, "step_results")),
                instant(row, "lease_expires_at"), ((Number) row.column("attempt").get()).intValue(),
                JsonColumns.timer(text(row, "timer")), text(row, "tenant"),
                ((Number) row.column("workflow_version").get()).intValue());
    }

    /** The {@code status} column's value: the status in lower case (the table's CHECK lists them). */
    private static String statusName(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static RunStatus status(String stored) {
        try {
            return RunStatus.valueOf(stored.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stored run has unknown status '" + stored + "'", e);
        }
    }

    private static Map<String, String> statements() {
        Map<String, String> statements = new LinkedHashMap<>();
        statements.put(INSERT, """
                INSERT INTO runs (id, workflow_id, status, payload, created_at, started_at, completed_at, error,
                                  step_results, lease_expires_at, attempt, payload_bytes, step_results_bytes, tenant,
                                  workflow_version)
                VALUES (CAST(? AS uuid), CAST(? AS uuid), ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""");
        statements.put(FIND_BY_ID, "SELECT " + COLUMNS + " FROM runs WHERE id = CAST(? AS uuid)");
        statements.put(COMPARE_AND_SET, """
                UPDATE runs
                SET status = ?, started_at = ?, completed_at = ?, error = ?, step_results = CAST(? AS jsonb),
                    step_results_bytes = ?, lease_expires_at = ?, attempt = ?, timer = CAST(? AS jsonb)
                WHERE id = CAST(? AS uuid) AND status = ? AND lease_expires_at IS NOT DISTINCT FROM ?""");
        // Run.claim in one statement: what it keeps (results, timer, attempt, a start time) stays as stored.
        statements.put(CLAIM, """
                UPDATE runs
                SET status = 'running', started_at = COALESCE(started_at, ?), completed_at = NULL, error = NULL,
                    lease_expires_at = ?
                WHERE id = CAST(? AS uuid)
                  AND (status = 'pending' OR (status = 'running' AND lease_expires_at < ?))
                """ + " RETURNING " + COLUMNS);
        // Literal statuses, so the planner can prove each arm matches a partial index: runs_pending_idx
        // and runs_due_idx (V10), read together with a BitmapOr; only live runs are ever sorted.
        statements.put(FIND_STRANDED, "SELECT " + COLUMNS + """
                 FROM runs
                WHERE (status = 'pending' AND created_at < ?)
                   OR (status = 'running' AND lease_expires_at < ?)
                ORDER BY runs.created_at
                LIMIT ?""");
        // One statement claims a batch: the due rows are locked as they are picked, and rows another
        // worker's claim has locked are skipped, so workers polling together take different runs.
        statements.put(CLAIM_DUE, """
                UPDATE runs SET lease_expires_at = ?
                WHERE id IN (SELECT id FROM runs
                             WHERE status = 'running' AND lease_expires_at < ?
                             ORDER BY lease_expires_at
                             LIMIT ?
                             FOR UPDATE SKIP LOCKED)
                  AND status = 'running' AND lease_expires_at < ?
                """ + " RETURNING " + COLUMNS);
        for (ListShape shape : ListShape.all()) {
            statements.put(shape.statementName(), listSql(shape));
        }
        return Map.copyOf(statements);
    }

    /**
     * A page within its byte budget, decided in PostgreSQL so that no more than the budget (and the
     * first run, which a page always holds) ever leaves it: the candidates' sizes come from the size
     * columns, and only the runs that fit are read as text. A run fits while the running total stays
     * within the budget ({@link PageRequest#fits}'s rule). Past the fitting runs comes one row without
     * content ({@code fits} false), or the row past the limit, telling that another page follows.
     */
    private static String listSql(ListShape shape) {
        // The tenant leads every listing index (V6), so each filter combination stays index-backed;
        // oldest first reads the same descending indexes backwards.
        List<String> conditions = new ArrayList<>(List.of("tenant = ?"));
        if (shape.byStatus()) {
            conditions.add("status = ?");
        }
        if (shape.byWorkflow()) {
            conditions.add("workflow_id = CAST(? AS uuid)");
        }
        if (shape.createdAfter()) {
            conditions.add("created_at > ?");
        }
        if (shape.createdBefore()) {
            conditions.add("created_at < ?");
        }
        if (shape.afterCursor()) {
            conditions.add("(created_at, id) " + (shape.oldestFirst() ? ">" : "<") + " (?, CAST(? AS uuid))");
        }
        String direction = shape.oldestFirst() ? "ASC" : "DESC";
        // One pass, no join back: the newest limit + 1 rows with their sizes, a running sum over
        // them, and their stored JSON read as text only for the rows that fit (a row past the budget
        // comes back with its payload and results null, telling the caller where the page stops).
        // Measured with EXPLAIN ANALYZE on 15,000 runs: ~0.8 ms to execute, against ~1.1 ms for the
        // same with a join back to runs, and ~0.45 ms for a page without a budget.
        String candidates = """
                SELECT runs.*, CAST(? AS bigint) AS budget,
                       COALESCE(payload_bytes, octet_length(CAST(payload AS text)))
                       + COALESCE(step_results_bytes, octet_length(CAST(step_results AS text))) AS bytes
                FROM runs""" + " WHERE " + String.join(" AND ", conditions)
                + " ORDER BY runs.created_at %1$s, runs.id %1$s LIMIT ?".formatted(direction);
        return """
                SELECT id, workflow_id, status, CASE WHEN fits THEN CAST(payload AS text) END AS payload,
                       %s, %s, %s, error,
                       CASE WHEN fits THEN CAST(step_results AS text) END AS step_results, %s, attempt,
                       CAST(timer AS text) AS timer, tenant, workflow_version, fits
                FROM (SELECT sized.*, (seq = 1 OR running_bytes <= budget) AS fits
                      FROM (SELECT candidates.*, sum(bytes) OVER listed_order AS running_bytes,
                                   row_number() OVER listed_order AS seq
                            FROM (%s) candidates
                            WINDOW listed_order AS (ORDER BY candidates.created_at %6$s, candidates.id %6$s
                                                    ROWS UNBOUNDED PRECEDING)) sized
                      WHERE seq <= 2 OR running_bytes - bytes <= budget) page
                ORDER BY seq""".formatted(epochMicros("created_at"), epochMicros("started_at"),
                epochMicros("completed_at"), epochMicros("lease_expires_at"), candidates, direction);
    }
}
