package io.workflow.domain.port.contract;

import io.workflow.domain.port.SigningSecretRepository;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.TimeOrderedIds;
import io.workflow.domain.page.Cursor;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.PayloadSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link WorkflowRepository} must do; one subclass per implementation. */
public abstract class WorkflowRepositoryContract {

    protected abstract WorkflowRepository repository();

    /** The signing secrets of the same store, where {@link WorkflowRepository#save(Workflow, SigningSecrets)} keeps them. */
    protected abstract SigningSecretRepository signingSecrets();

    @Test
    void savedWithItsFirstSigningSecrets_theWorkflowAndItsVersionOne_andTheSecretsAreFound() {
        Workflow workflow = Fixtures.workflow();
        SigningSecrets secrets = new SigningSecrets("whsec_first", null, null);
        repository().save(workflow, secrets);

        assertThat(repository().findById(workflow.uuid())).contains(workflow);
        assertThat(repository().findVersion(workflow.uuid(), 1)).contains(workflow);
        assertThat(signingSecrets().find(workflow.uuid())).contains(secrets);
    }

    @Test
    void aWorkflowSavedAgainWithOtherSigningSecrets_isRefused_andKeepsItsFirstSecrets() {
        Workflow workflow = Fixtures.workflow();
        SigningSecrets first = new SigningSecrets("whsec_first", null, null);
        repository().save(workflow, first);

        assertThatThrownBy(() -> repository().save(workflow, new SigningSecrets("whsec_second", null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already exists");
        assertThat(signingSecrets().find(workflow.uuid())).contains(first);
    }

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

    private static Workflow revisionOf(Workflow workflow, String name) {
        return new Workflow(workflow.uuid(), workflow.id(), name, "revised", List.of(new DelayStep("pause", Duration.ofSeconds(2))),
                workflow.createdAt(), null, Duration.ofMinutes(5), null, workflow.tenant(), 99,
                PayloadSchema.of(Map.of("type", "object", "required", List.of("user_id"))));
    }

    @Test
    void revise_numbersTheNextVersion_replacesTheCurrent_andKeepsEveryVersion() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);

        Workflow stored = repository().revise(revisionOf(workflow, "second"), Fixtures.now()).orElseThrow();

        assertThat(stored).isEqualTo(revisionOf(workflow, "second").asVersion(2));
        assertThat(repository().findById(workflow.uuid())).contains(stored);
        assertThat(repository().findVersion(workflow.uuid(), 1)).contains(workflow);
        assertThat(repository().findVersion(workflow.uuid(), 2)).contains(stored);
        assertThat(repository().findVersion(workflow.uuid(), 3)).isEmpty();
        assertThat(repository().findVersion(UUID.randomUUID(), 1)).isEmpty();
    }

    @Test
    void revise_ofAnArchivedOrUnknownWorkflow_storesNothing() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);
        repository().archive(workflow.uuid(), Fixtures.now());

        assertThat(repository().revise(revisionOf(workflow, "late"), Fixtures.now())).isEmpty();
        assertThat(repository().findVersion(workflow.uuid(), 2)).isEmpty();
        assertThat(repository().findVersion(workflow.uuid(), 1).orElseThrow().isArchived()).isTrue();
        Workflow unknown = Fixtures.workflow();
        assertThat(repository().revise(revisionOf(unknown, "ghost"), Fixtures.now())).isEmpty();
        assertThat(repository().findById(unknown.uuid())).isEmpty();
    }

    @Test
    void concurrentRevisions_getConsecutiveVersions_noneLostNorRepeated() throws Exception {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);
        int writers = 16;
        List<Future<Workflow>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < writers; i++) {
                String name = "writer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return repository().revise(revisionOf(workflow, name), Fixtures.now()).orElseThrow();
                }));
            }
            start.countDown();
        }
        List<Integer> numbers = new ArrayList<>();
        for (Future<Workflow> result : results) {
            Workflow stored = result.get(30, TimeUnit.SECONDS);
            numbers.add(stored.version());
            assertThat(repository().findVersion(workflow.uuid(), stored.version())).contains(stored);
        }
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(2, writers + 1).boxed().toList());
        assertThat(repository().findById(workflow.uuid()).orElseThrow().version()).isEqualTo(writers + 1);
    }

    @Test
    void versions_arePagedNewestFirst_byTheVersionCursor() {
        Workflow workflow = Fixtures.workflow();
        repository().save(workflow);
        for (int i = 2; i <= 5; i++) {
            repository().revise(revisionOf(workflow, "v" + i), Fixtures.now());
        }
        List<Integer> seen = new ArrayList<>();
        Cursor after = null;
        int pages = 0;
        do {
            Page<Workflow> page = repository().versions(workflow.uuid(), new PageRequest(2, after, Long.MAX_VALUE));
            page.items().forEach(version -> seen.add(version.version()));
            after = page.next();
            pages++;
        } while (after != null && pages < 10);

        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        assertThat(pages).isEqualTo(3);
        assertThat(repository().versions(UUID.randomUUID(), new PageRequest(2, null, Long.MAX_VALUE)).items()).isEmpty();
    }
}
