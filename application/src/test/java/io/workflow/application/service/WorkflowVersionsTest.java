package io.workflow.application.service;

import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun.Outcome;
import io.workflow.application.TriggerRun;
import io.workflow.domain.InvalidInputException;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.page.Page;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.WebhookHostCheck;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.workflow.ArchivedWorkflowException;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.PayloadSchema;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Revising workflows, reading their versions, and runs that keep the version they were triggered with; memory adapters. */
class WorkflowVersionsTest {
    private static final String RECEIVER = "http://receiver.test/";

    private final MemoryWiring wiring = new MemoryWiring();
    private final WorkflowVersionsService versions = new WorkflowVersionsService(wiring.workflows, wiring.workflowCacheAside,
            wiring.clock, host -> host.equals("10.0.0.1") ? Optional.of("a private address") : Optional.empty());
    private final TriggerRun trigger = wiring.triggerRun(run -> { });
    private final List<String> calledSteps = new CopyOnWriteArrayList<>();
    private final StepExecutor receiver = (step, context) -> {
        calledSteps.add(step.name());
        return new StepOutcome.Succeeded(Map.of("status_code", 200));
    };
    private final ExecuteRunService execute = wiring.executeRun(wiring.runs, receiver, run -> { }, MemoryWiring.TIMING);
    private final WakeDueRunsService wake = new WakeDueRunsService(wiring.runs, execute, wiring.clock, 100, 4);

    @AfterEach
    void close() throws InterruptedException {
        wake.close();
        execute.close();
    }

    private static CreateWorkflow.Command definition(String name, Step... steps) {
        return new CreateWorkflow.Command(null, name, null, List.of(steps));
    }

    private static WebhookStep hook(String name) {
        return new WebhookStep(name, RECEIVER + name, "POST", Map.of(), null);
    }

    @Test
    void revise_storesTheNextVersion_whichGetServes_andEveryVersionStaysReadable() {
        Workflow first = wiring.createWorkflow.create(definition("v1", hook("a")));
        wiring.getWorkflow.get(first.uuid()); // now cached: the revision must not leave the old one there

        Workflow second = versions.revise(first.tenant(), first.uuid(), definition("v2", hook("b")));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(wiring.getWorkflow.get(first.uuid())).isEqualTo(second);
        assertThat(versions.version(first.tenant(), first.uuid(), 1).name()).isEqualTo("v1");
        assertThat(versions.version(first.tenant(), first.uuid(), 2)).isEqualTo(second);
        assertThatThrownBy(() -> versions.version(first.tenant(), first.uuid(), 3)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void versions_arePagedNewestFirst_eachOnce() {
        Workflow workflow = wiring.createWorkflow.create(definition("v1", hook("a")));
        for (int i = 2; i <= 5; i++) {
            versions.revise(workflow.tenant(), workflow.uuid(), definition("v" + i, hook("a")));
        }

        Page<Workflow> first = versions.versions(workflow.tenant(), workflow.uuid(), new PageRequest(2, null, Long.MAX_VALUE));
        Page<Workflow> second = versions.versions(workflow.tenant(), workflow.uuid(), new PageRequest(2, first.next(), Long.MAX_VALUE));
        Page<Workflow> last = versions.versions(workflow.tenant(), workflow.uuid(), new PageRequest(2, second.next(), Long.MAX_VALUE));

        assertThat(first.items()).extracting(Workflow::version).containsExactly(5, 4);
        assertThat(second.items()).extracting(Workflow::version).containsExactly(3, 2);
        assertThat(last.items()).extracting(Workflow::version).containsExactly(1);
        assertThat(last.next()).isNull();
    }

    @Test
    void revise_ofAnotherTenantsOrAnUnknownWorkflow_isNotFound_andOfAnArchivedOne_conflicts_changingNothing() {
        Workflow workflow = wiring.createWorkflow.create(definition("v1", hook("a")));

        assertThatThrownBy(() -> versions.revise("other", workflow.uuid(), definition("v2", hook("b"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> versions.versions("other", workflow.uuid(), new PageRequest(10, null, Long.MAX_VALUE)))
                .isInstanceOf(NotFoundException.class);
        new ArchiveWorkflowService(wiring.workflows, wiring.workflowCacheAside, wiring.clock).archive(workflow.uuid());
        assertThatThrownBy(() -> versions.revise(workflow.tenant(), workflow.uuid(), definition("v2", hook("b"))))
                .isInstanceOf(ArchivedWorkflowException.class);
        assertThat(wiring.workflows.findVersion(workflow.uuid(), 2)).isEmpty();
    }

    @Test
    void revise_refusesAWebhookHostWebhooksMayNotCall_asCreateDoes() {
        Workflow workflow = wiring.createWorkflow.create(definition("v1", hook("a")));

        assertThatThrownBy(() -> versions.revise(workflow.tenant(), workflow.uuid(),
                definition("v2", new WebhookStep("bad", "http://10.0.0.1/x", "POST", Map.of(), null))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("steps[0].config.url");
        assertThat(wiring.getWorkflow.get(workflow.uuid()).version()).isEqualTo(1);
    }

    @Test
    void aRunTriggeredBeforeARevision_executesItsOwnVersion_andOneTriggeredAfter_theNewOne() throws InterruptedException {
        Workflow workflow = wiring.createWorkflow.create(definition("v1", new DelayStep("wait", Duration.ofSeconds(60)), hook("old")));
        Run before = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        assertThat(execute.execute(before.id())).isEqualTo(Outcome.WAITING);

        versions.revise(workflow.tenant(), workflow.uuid(), definition("v2", hook("new")));
        Run after = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of()));
        assertThat(execute.execute(after.id())).isEqualTo(Outcome.EXECUTED);
        wiring.clock.advance(Duration.ofSeconds(61));
        Run done = waitForTerminal(before);

        assertThat(before.workflowVersion()).isEqualTo(1);
        assertThat(after.workflowVersion()).isEqualTo(2);
        assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(done.stepResults()).containsOnlyKeys("wait", "old");
        assertThat(wiring.runs.findById(after.id()).orElseThrow().stepResults()).containsOnlyKeys("new");
        assertThat(calledSteps).containsExactly("new", "old");
        assertThat(wiring.getRun.timeline(done).orElseThrow().steps()).hasSize(2);
    }

    @Test
    void aDeclaredPayloadSchema_refusesAPayloadThatBreaksIt_listingEveryViolation_andStoresNoRun() {
        PayloadSchema schema = PayloadSchema.of(Map.of("type", "object", "required", List.of("user_id"),
                "properties", Map.of("user_id", Map.of("type", "integer", "minimum", 1),
                        "plan", Map.of("enum", List.of("free", "pro")))));
        Workflow workflow = wiring.createWorkflow.create(new CreateWorkflow.Command(null, "typed", null,
                List.of(hook("a")), null, null, "default", schema));

        assertThatThrownBy(() -> trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("plan", "gold"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("$.user_id: is required")
                .hasMessageContaining("$.plan: must be one of [free, pro]");
        assertThatThrownBy(() -> trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("user_id", 0))))
                .hasMessageContaining("$.user_id: must be at least 1");
        assertThat(wiring.storedRuns()).isEmpty();

        Run run = trigger.trigger(new TriggerRun.Command(workflow.uuid(), Map.of("user_id", 7, "plan", "pro")));
        assertThat(wiring.storedRuns()).extracting(Run::id).containsExactly(run.id());
        assertThat(wiring.getWorkflow.get(workflow.uuid()).payloadSchema()).isEqualTo(schema);
    }

    private Run waitForTerminal(Run run) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            wake.wake();
            Run current = wiring.runs.findById(run.id()).orElseThrow();
            if (current.status().isTerminal()) {
                return current;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("run " + run.id() + " did not finish within 10 s");
    }
}
