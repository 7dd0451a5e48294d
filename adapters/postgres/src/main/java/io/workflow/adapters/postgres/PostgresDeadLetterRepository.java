package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.deadletter.DeadLetter;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.DeadLetterRepository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static io.workflow.adapters.postgres.ColumnValues.instant;
import static io.workflow.adapters.postgres.ColumnValues.text;
import static io.workflow.adapters.postgres.ColumnValues.timestamp;
import static io.workflow.adapters.postgres.ColumnValues.uuid;

/** Dead letters in the {@code dead_letters} table, paged by the index on (recorded_at, id); one per source position. */
public final class PostgresDeadLetterRepository implements DeadLetterRepository {
    private static final String INSERT = "insert-dead-letter";
    private static final String FIND_BY_ID = "find-dead-letter-by-id";
    private static final String LIST = "list-dead-letters";
    private static final String MARK_REDRIVEN = "mark-dead-letter-redriven";
    private static final String DELETE = "delete-dead-letter";
    private static final String COLUMNS = "id, source, source_partition, source_offset, record_key, payload, truncated, reason, "
            + "run_id, tenant, recorded_at, redriven_at";

    /** The statements this repository executes, by name; {@link PostgresStore} registers them with the DB client. */
    static final Map<String, String> STATEMENTS = Map.of(
            INSERT, "INSERT INTO dead_letters (" + COLUMNS + ") VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?, ?, ?, CAST(? AS uuid), ?, ?, ?)"
                    + " ON CONFLICT (source, source_partition, source_offset) DO NOTHING",
            FIND_BY_ID, "SELECT " + COLUMNS + " FROM dead_letters WHERE id = CAST(? AS uuid)",
            LIST, "SELECT " + COLUMNS + """
                     FROM dead_letters
                    WHERE COALESCE(tenant, ?) = ?
                      AND (CAST(? AS timestamptz) IS NULL OR (recorded_at, id) < (?, CAST(? AS uuid)))
                    ORDER BY recorded_at DESC, id DESC
                    LIMIT ?""",
            MARK_REDRIVEN, "UPDATE dead_letters SET redriven_at = ? WHERE id = CAST(? AS uuid) AND redriven_at IS NULL",
            DELETE, "DELETE FROM dead_letters WHERE id = CAST(? AS uuid)");

    private final DbClient db;
    private final ConnectionRetry retry;

    PostgresDeadLetterRepository(DbClient db, ConnectionRetry retry) {
        this.db = db;
        this.retry = retry;
    }

    /** A retry after a broken connection may find the row its first try stored: then it answers false, and the letter is kept. */
    @Override
    public boolean record(DeadLetter letter) {
        return retry.run("record dead letter", retrying -> db.execute().createNamedInsert(INSERT)
                .addParam(letter.id())
                .addParam(letter.source())
                .addParam(letter.partition())
                .addParam(letter.offset())
                .addParam(letter.key())
                .addParam(letter.payload())
                .addParam(letter.truncated())
                .addParam(letter.reason())
                .addParam(letter.runId())
                .addParam(letter.tenant())
                .addParam(timestamp(letter.recordedAt()))
                .addParam(timestamp(letter.redrivenAt()))
                .execute() > 0);
    }

    @Override
    public Optional<DeadLetter> findById(UUID id) {
        return retry.run("find dead letter", retrying -> db.execute().createNamedGet(FIND_BY_ID)
                .addParam(id).execute().map(PostgresDeadLetterRepository::letter));
    }

    @Override
    public Page<DeadLetter> list(PageRequest page, String tenant) {
        Cursor after = page.after();
        List<DeadLetter> rows = retry.run("list dead letters", retrying -> {
            try (Stream<DbRow> found = db.execute().createNamedQuery(LIST)
                    .addParam(Tenants.DEFAULT) // a letter of no known tenant is the operator's (DeadLetter#visibleTo)
                    .addParam(tenant)
                    .addParam(after == null ? null : timestamp(after.createdAt()))
                    .addParam(after == null ? null : timestamp(after.createdAt()))
                    .addParam(after == null ? null : after.id())
                    .addParam(page.limit() + 1)
                    .execute()) {
                return found.map(PostgresDeadLetterRepository::letter).toList();
            }
        });
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, null);
        }
        List<DeadLetter> items = rows.subList(0, page.limit());
        DeadLetter last = items.getLast();
        return new Page<>(items, new Cursor(last.recordedAt(), last.id()));
    }

    @Override
    public boolean markRedriven(UUID id, Instant at) {
        return retry.run("mark dead letter redriven", retrying -> db.execute().createNamedUpdate(MARK_REDRIVEN)
                .addParam(timestamp(at)).addParam(id).execute() > 0);
    }

    @Override
    public boolean delete(UUID id) {
        return retry.run("delete dead letter", retrying -> db.execute().createNamedDelete(DELETE)
                .addParam(id).execute() > 0);
    }

    private static DeadLetter letter(DbRow row) {
        String runId = text(row, "run_id");
        return new DeadLetter(uuid(row, "id"), text(row, "source"), ((Number) row.column("source_partition").get()).intValue(),
                ((Number) row.column("source_offset").get()).longValue(), text(row, "record_key"), text(row, "payload"),
                Boolean.TRUE.equals(row.column("truncated").as(Boolean.class).get()), text(row, "reason"),
                runId == null ? null : UUID.fromString(runId), text(row, "tenant"), instant(row, "recorded_at"),
                instant(row, "redriven_at"));
    }
}
