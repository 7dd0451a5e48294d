package io.workflow.adapters.postgres;

import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.port.contract.Fixtures;
import io.workflow.domain.port.contract.RunRepositoryContract;
import io.workflow.domain.run.JsonText;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run repository contract against PostgreSQL, and what only this store has to prove: a page
 * stays within its byte budget however large the runs are, including rows written before the size
 * columns existed (measured from their text).
 */
class PostgresRunRepositoryIT extends RunRepositoryContract {
    private static final int MEGABYTE = 1_000_000;
    private static final long BUDGET = 2 * 1024 * 1024;

    @RegisterExtension
    static final PostgresTestDatabase.ClassStore db = new PostgresTestDatabase.ClassStore();

    @Override
    protected RunRepository runs() {
        return db.store.runs();
    }

    @Override
    protected WorkflowRepository workflows() {
        return db.store.workflows();
    }

    @Override
    protected Object decoded(Object value) {
        return value instanceof JsonText text ? JsonColumns.read(text.text()) : value;
    }

    @Test
    void runsOfAMegabyte_comeTwoAPage_andEveryOneIsListedOnce() {
        Instant base = Fixtures.now();
        List<UUID> inserted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Run run = Run.pending(TimeOrderedIds.next(base), workflowId(), Map.of("i", i, "blob", "x".repeat(MEGABYTE)),
                    base.plusMillis(i));
            runs().insert(run);
            inserted.add(run.id());
        }

        List<UUID> seen = new ArrayList<>();
        int pages = 0;
        Page<Run> page = list(null);
        while (true) {
            pages++;
            long bytes = page.items().stream().mapToLong(run -> JsonColumns.write(run.payload()).length()).sum();
            assertThat(bytes).as("page %d", pages).isLessThanOrEqualTo(BUDGET);
            page.items().forEach(run -> seen.add(run.id()));
            if (page.next() == null) {
                break;
            }
            page = list(page.next());
        }

        assertThat(pages).isEqualTo(10);
        assertThat(seen).containsExactlyElementsOf(inserted.reversed());
    }

    @Test
    void rowsWithoutStoredSizes_areMeasuredFromTheirText() {
        for (int i = 0; i < 3; i++) {
            db.store.dbClient().execute().createDmlStatement("""
                    INSERT INTO runs (id, workflow_id, status, payload, created_at, step_results)
                    VALUES (gen_random_uuid(), CAST(:workflow_id AS uuid), 'pending',
                            jsonb_build_object('blob', repeat('x', 10000)), now() - :n * interval '1 second', '{}')""")
                    .addParam("workflow_id", workflowId())
                    .addParam("n", i)
                    .execute();
        }

        Page<Run> first = runs().list(new RunQuery(new PageRequest(50, null, 25_000), null, workflowId()));

        assertThat(first.items()).hasSize(2);
        assertThat(first.next()).isNotNull();
    }

    private Page<Run> list(Cursor after) {
        return runs().list(new RunQuery(new PageRequest(200, after, BUDGET), null, workflowId()));
    }
}
