package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.GetWorkflow;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.SigningSecrets;
import io.workflow.domain.workflow.Workflow;
import io.workflow.domain.workflow.WorkflowQuery;
import io.workflow.domain.workflow.ArchivedWorkflowException;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.NotFoundException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CreateWorkflow and GetWorkflow over the memory repository and cache. */
class WorkflowUseCasesTest {
    private final MemoryWiring wiring = new MemoryWiring();

    /** The memory repository, counting how often the store is read. */
    private static final class CountingWorkflows implements WorkflowRepository {
        private final InMemoryWorkflowRepository delegate = new InMemoryWorkflowRepository();
        private final AtomicInteger loads = new AtomicInteger();

        @Override
        public void save(Workflow workflow) {
            delegate.save(workflow);
        }

        @Override
        public void save(Workflow workflow, SigningSecrets secrets) {
            delegate.save(workflow, secrets);
        }

        @Override
        public Optional<Workflow> findById(UUID uuid) {
            loads.incrementAndGet();
            return delegate.findById(uuid);
        }

        @Override
        public Page<Workflow> list(WorkflowQuery query) {
            return delegate.list(query);
        }

        @Override
        public Optional<Workflow> archive(UUID uuid, Instant at) {
            return delegate.archive(uuid, at);
        }

        @Override
        public Optional<Workflow> revise(Workflow revised, Instant at) {
            return delegate.revise(revised, at);
        }

        @Override
        public Optional<Workflow> findVersion(UUID uuid, int version) {
            loads.incrementAndGet();
            return delegate.findVersion(uuid, version);
        }

        @Override
        public Page<Workflow> versions(UUID uuid, PageRequest page) {
            return delegate.versions(uuid, page);
        }
    }

    private static CreateWorkflow.Command request() {
        return new CreateWorkflow.Command("client-1", "onboarding", "welcome", List.of(
                new DelayStep("wait", Duration.ofMillis(500)),
                new WebhookStep("notify", "https://example.com/hook", "POST", Map.of(), null)));
    }

    @Test
    void createdWorkflow_isReturnedByGet() {
        Workflow created = wiring.createWorkflow.create(request());

        Workflow read = wiring.getWorkflow.get(created.uuid());

        assertThat(read).isEqualTo(created);
        assertThat(read.name()).isEqualTo("onboarding");
        assertThat(read.id()).isEqualTo("client-1");
        assertThat(read.createdAt()).isEqualTo(MemoryWiring.T0);
        assertThat(read.steps()).containsExactly(
                new DelayStep("wait", Duration.ofMillis(500)),
                new WebhookStep("notify", "https://example.com/hook", "POST", Map.of(), null));
        assertThat(wiring.workflows.findById(created.uuid())).contains(created);
    }

    @Test
    void create_givesEachWorkflowItsOwnVersion7Uuid() {
        Workflow first = wiring.createWorkflow.create(request());
        Workflow second = wiring.createWorkflow.create(request());

        assertThat(first.uuid()).isNotEqualTo(second.uuid());
        assertThat(first.uuid().version()).isEqualTo(7);
    }

    @Test
    void givenDuplicateStepNames_command_throwsNamingTheLaterStep() {
        List<io.workflow.domain.workflow.Step> steps = List.of(
                new DelayStep("a", Duration.ofSeconds(1)), new DelayStep("a", Duration.ofSeconds(2)));

        assertThatThrownBy(() -> new CreateWorkflow.Command(null, "n", null, steps))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("steps[1].name"));
    }

    @Test
    void givenUnknownWorkflow_get_throwsNotFound() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> wiring.getWorkflow.get(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void afterCreate_theWorkflowIsInTheCache() {
        Workflow created = wiring.createWorkflow.create(request());

        assertThat(wiring.workflowCache.get(created.uuid())).contains(created);
    }

    @Test
    void afterCreate_getIsServedFromTheCache_withoutReadingTheStore() {
        CountingWorkflows store = new CountingWorkflows();
        CacheAside<Workflow> cache = CacheAside.forWorkflows(wiring.workflowCache);
        Workflow created = new CreateWorkflowService(store, cache, wiring.clock).create(request());
        GetWorkflow get = new GetWorkflowService(store, cache);

        assertThat(get.get(created.uuid())).isEqualTo(created);
        assertThat(store.loads).hasValue(0);
    }

    @Test
    void givenEvictedWorkflow_get_reloadsFromTheStoreAndCachesItAgain() {
        CountingWorkflows store = new CountingWorkflows();
        CacheAside<Workflow> cache = CacheAside.forWorkflows(wiring.workflowCache);
        Workflow created = new CreateWorkflowService(store, cache, wiring.clock).create(request());
        GetWorkflow get = new GetWorkflowService(store, cache);
        wiring.workflowCache.evict(created.uuid());

        assertThat(get.get(created.uuid())).isEqualTo(created);
        assertThat(store.loads).hasValue(1);
        assertThat(wiring.workflowCache.get(created.uuid())).contains(created);

        assertThat(get.get(created.uuid())).isEqualTo(created);
        assertThat(store.loads).as("the second read is a cache hit").hasValue(1);
    }

    @Test
    void workflowCacheEntry_expiresAfterItsTtl_andIsReloaded() {
        CountingWorkflows store = new CountingWorkflows();
        CacheAside<Workflow> cache = CacheAside.forWorkflows(wiring.workflowCache);
        Workflow created = new CreateWorkflowService(store, cache, wiring.clock).create(request());
        GetWorkflow get = new GetWorkflowService(store, cache);

        wiring.clock.advance(CacheAside.WORKFLOW_TTL.minusSeconds(1));
        get.get(created.uuid());
        assertThat(store.loads).hasValue(0);

        wiring.clock.advance(Duration.ofSeconds(1));
        assertThat(get.get(created.uuid())).isEqualTo(created);
        assertThat(store.loads).hasValue(1);
    }

    @Test
    void givenUnknownWorkflow_get_cachesNothing() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> wiring.getWorkflow.get(unknown)).isInstanceOf(NotFoundException.class);
        assertThat(wiring.workflowCache.get(unknown)).isEmpty();
    }

    @Test
    void archivedWorkflow_startsNoRun_leavesTheListing_andStaysReadable() {
        Workflow kept = wiring.createWorkflow.create(request());
        Workflow archived = wiring.createWorkflow.create(request());
        var archive = new ArchiveWorkflowService(wiring.workflows, wiring.workflowCacheAside, wiring.clock);
        var list = new ListWorkflowsService(wiring.workflows);
        var trigger = wiring.triggerRun(run -> { });
        var earlierRun = trigger.trigger(new io.workflow.application.TriggerRun.Command(archived.uuid(), Map.of()));
        wiring.clock.advance(Duration.ofSeconds(1));

        Workflow result = archive.archive(archived.uuid());

        assertThat(result.archivedAt()).isEqualTo(MemoryWiring.T0.plusSeconds(1));
        assertThat(archive.archive(archived.uuid()).archivedAt()).isEqualTo(result.archivedAt());
        assertThat(wiring.getWorkflow.get(archived.uuid()).isArchived()).isTrue();
        assertThatThrownBy(() -> trigger.trigger(new io.workflow.application.TriggerRun.Command(archived.uuid(), Map.of())))
                .isInstanceOf(ArchivedWorkflowException.class);
        assertThat(wiring.getRun.get(earlierRun.id())).isEqualTo(earlierRun);
        assertThat(list.list(new WorkflowQuery(new PageRequest(50, null, 1_000_000), null)).items())
                .extracting(Workflow::uuid).containsExactly(kept.uuid());
        assertThatThrownBy(() -> archive.archive(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }
}
