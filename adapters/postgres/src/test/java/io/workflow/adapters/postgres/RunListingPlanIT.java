package io.workflow.adapters.postgres;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementQuery;
import io.workflow.domain.auth.Tenants;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing, sweep and claim statements read indexes, not the whole table, on a table with thousands of
 * mostly finished runs and fresh statistics (no planner switches flipped).
 */
class RunListingPlanIT {
    private static final int RUNS_PER_WORKFLOW = 1500;

    private static final List<UUID> BULK_WORKFLOW_IDS = new ArrayList<>();

    private static PostgresStore store;
    private static Workflow workflow;

    @BeforeAll
    static void fillRunsAndAnalyze() {
        store = PostgresTestDatabase.openStore();
        DbClient db = store.dbClient();
        for (int i = 0; i < 3; i++) {
            workflow = Fixtures.workflow();
            store.workflows().save(workflow);
            BULK_WORKFLOW_IDS.add(workflow.uuid());
            // Like production: most runs finished, a few live ones.
            db.execute().createDmlStatement("""
                    INSERT INTO runs (id, workflow_id, status, payload, created_at, step_results)
                    SELECT gen_random_uuid(), CAST(:workflow_id AS uuid),
                           CASE WHEN n % 20 = 0 THEN 'pending' WHEN n % 20 = 1 THEN 'running'
                                WHEN n % 5 = 0 THEN 'failed' ELSE 'success' END,
                           CAST('{"user_id": 42}' AS jsonb), now() - n * interval '1 second', CAST('{}' AS jsonb)
                    FROM generate_series(1, :count) AS n""")
                    .addParam("workflow_id", workflow.uuid())
                    .addParam("count", RUNS_PER_WORKFLOW)
                    .execute();
        }
        db.execute().dml("ANALYZE runs");
    }

    /** The database may be shared: take the bulk rows away again. */
    @AfterAll
    static void deleteRunsAndCloseStore() {
        try {
            for (UUID workflowId : BULK_WORKFLOW_IDS) {
                store.dbClient().execute().createDelete("DELETE FROM runs WHERE workflow_id = CAST(:id AS uuid)")
                        .addParam("id", workflowId).execute();
                store.dbClient().execute().createDelete("DELETE FROM workflow_versions WHERE workflow_uuid = CAST(:id AS uuid)")
                        .addParam("id", workflowId).execute();
                store.dbClient().execute().createDelete("DELETE FROM workflows WHERE uuid = CAST(:id AS uuid)")
                        .addParam("id", workflowId).execute();
            }
        } finally {
            store.close();
        }
    }

    static List<PostgresRunRepository.ListShape> shapes() {
        return PostgresRunRepository.ListShape.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void listing_usesAnIndex_neverScansTheTable(PostgresRunRepository.ListShape shape) {
        String sql = PostgresRunRepository.STATEMENTS.get(shape.statementName());
        DbStatementQuery explain = store.dbClient().execute().createQuery("EXPLAIN " + sql).addParam(2_097_152L)
                .addParam(Tenants.DEFAULT);
        if (shape.byStatus()) {
            explain.addParam("failed");
        }
        if (shape.byWorkflow()) {
            explain.addParam(workflow.uuid());
        }
        if (shape.createdAfter()) {
            explain.addParam(ColumnValues.timestamp(Instant.now().minusSeconds(3000)));
        }
        if (shape.createdBefore()) {
            explain.addParam(ColumnValues.timestamp(Instant.now().minusSeconds(60)));
        }
        if (shape.afterCursor()) {
            explain.addParam(ColumnValues.timestamp(Instant.now().minusSeconds(600)))
                    .addParam(UUID.randomUUID());
        }
        String plan = plan(explain.addParam(51));

        assertThat(plan).doesNotContain("Seq Scan on runs").contains("Index");
    }

    @Test
    void strandedSweep_readsThePendingAndDuePartialIndexes() {
        DbStatementQuery explain = store.dbClient().execute()
                .createQuery("EXPLAIN " + PostgresRunRepository.STATEMENTS.get("find-stranded-runs"))
                .addParam(ColumnValues.timestamp(Instant.now().minusSeconds(60)))
                .addParam(ColumnValues.timestamp(Instant.now()))
                .addParam(100);

        assertThat(plan(explain)).doesNotContain("Seq Scan on runs").contains("runs_pending_idx").contains("runs_due_idx");
    }

    @Test
    void claim_findsTheRunByItsPrimaryKey() {
        Instant now = Instant.now();
        DbStatementQuery explain = store.dbClient().execute()
                .createQuery("EXPLAIN " + PostgresRunRepository.STATEMENTS.get("claim-run"))
                .addParam(ColumnValues.timestamp(now))
                .addParam(ColumnValues.timestamp(now.plusSeconds(10)))
                .addParam(UUID.randomUUID())
                .addParam(ColumnValues.timestamp(now));

        assertThat(plan(explain)).doesNotContain("Seq Scan on runs").contains("runs_pkey");
    }

    private static String plan(DbStatementQuery explain) {
        try (Stream<DbRow> rows = explain.execute()) {
            return rows.map(row -> row.column(1).get().toString()).collect(Collectors.joining("\n"));
        }
    }
}
