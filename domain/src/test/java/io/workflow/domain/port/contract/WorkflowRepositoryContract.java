package io.workflow.domain.port.contract;

import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link WorkflowRepository} must do; one subclass per implementation. */
public abstract class WorkflowRepositoryContract {

    protected abstract WorkflowRepository repository();

    @Test
    void savedWorkflow_isFoundById_withEveryField() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);

        assertThat(repository().findById(workflow.uuid())).contains(workflow);
    }

    @Test
    void savedWorkflow_keepsItsTenant() {
        Workflow base = Fixtures.workflow();
        Workflow workflow = new Workflow(base.uuid(), base.id(), base.name(), base.description(), base.steps(),
                base.createdAt(), "acme");
        repository().save(workflow);

        assertThat(repository().findById(workflow.uuid())).contains(workflow);
        assertThat(repository().findById(workflow.uuid()).orElseThrow().tenant()).isEqualTo("acme");
    }

    @Test
    void unknownId_isNotFound() {
        assertThat(repository().findById(UUID.randomUUID())).isEmpty();
    }

    private static Workflow named(String name, Instant createdAt) {
        Workflow sample = Fixtures.workflow();
        return new Workflow(TimeOrderedIds.next(createdAt), null, name, null, sample.steps(), createdAt);
    }

    @Test
    void listing_walksTheActiveWorkflowsOfOneName_newestFirst_eachOnce_acrossPages() {
        String name = "listed-" + UUID.randomUUID();
        Instant t0 = Fixtures.now();
        List<Workflow> saved = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Workflow workflow = named(name, t0.plusMillis(i));
            repository().save(workflow);
            saved.add(workflow);
        }
        repository().archive(saved.get(3).uuid(), t0.plusSeconds(1));

        List<UUID> seen = new ArrayList<>();
        Cursor after = null;
        int pages = 0;
        do {
            Page<Workflow> page = repository().list(new WorkflowQuery(new PageRequest(2, after, 10_000_000), name));
            page.items().forEach(workflow -> seen.add(workflow.uuid()));
            after = page.next();
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).containsExactly(saved.get(6).uuid(), saved.get(5).uuid(), saved.get(4).uuid(),
                saved.get(2).uuid(), saved.get(1).uuid(), saved.get(0).uuid());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listing_stopsAPageAtItsByteBudget_butHoldsAtLeastOne() {
        String name = "budget-" + UUID.randomUUID();
        Instant t0 = Fixtures.now();
        for (int i = 0; i < 3; i++) {
            repository().save(named(name, t0.plusMillis(i)));
        }

        Page<Workflow> page = repository().list(new WorkflowQuery(new PageRequest(50, null, 1), name));

        assertThat(page.items()).hasSize(1);
        assertThat(page.next()).isNotNull();
    }

    @Test
    void archive_marksTheWorkflowOnce_andKeepsItReadable() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);
        Instant first = Fixtures.now();

        assertThat(repository().archive(workflow.uuid(), first)).contains(workflow.archive(first));
        assertThat(repository().archive(workflow.uuid(), first.plusSeconds(5)).map(Workflow::archivedAt)).contains(first);
        assertThat(repository().findById(workflow.uuid()).map(Workflow::archivedAt)).contains(first);
        assertThat(repository().archive(UUID.randomUUID(), first)).isEmpty();
    }

    @Test
    void listing_underConcurrentInserts_showsEveryEarlierWorkflowExactlyOnce_andNoneTwice() throws Exception {
        String name = "paged-" + UUID.randomUUID();
        Instant t0 = Fixtures.now().minusSeconds(60);
        int span = 40;
        List<Cursor> existing = new ArrayList<>();
        for (int i = 0; i < span; i++) {
            Workflow workflow = named(name, t0.plusMillis(i));
            repository().save(workflow);
            existing.add(new Cursor(workflow.createdAt(), workflow.uuid()));
        }

        ConcurrentPaging.assertEachExistingItemOnce(existing,
                after -> repository().list(new WorkflowQuery(new PageRequest(3, after, 10_000_000), name)),
                workflow -> new Cursor(workflow.createdAt(), workflow.uuid()),
                n -> repository().save(named(name, ConcurrentPaging.insertTime(n, t0, span))));
    }
}
