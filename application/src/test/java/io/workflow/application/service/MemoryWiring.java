package io.workflow.application.service;

import io.workflow.adapters.memory.InMemoryCache;
import io.workflow.adapters.memory.InMemoryRunRepository;
import io.workflow.adapters.memory.InMemorySigningSecretRepository;
import io.workflow.adapters.memory.InMemoryWorkflowRepository;
import io.workflow.application.CreateWorkflow;
import io.workflow.application.ExecuteRun;
import io.workflow.application.GetRun;
import io.workflow.application.GetWorkflow;
import io.workflow.application.ListRuns;
import io.workflow.application.RecoverStrandedRuns;
import io.workflow.application.TriggerRun;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.page.PageRequest;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real use cases over the memory adapters and a {@link TestClock}, as the composition root
 * wires them; the dispatcher, step executor and completion publisher are the test's to choose.
 */
final class MemoryWiring {
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    /** A 30 s lease whose heartbeat (every 29 s of real time) never fires within a test that does not wait for it. */
    static final ExecuteRunService.Timing TIMING = new ExecuteRunService.Timing(Duration.ofSeconds(30), Duration.ofSeconds(29));

    final TestClock clock = new TestClock(T0);
    final InMemorySigningSecretRepository signingSecrets = new InMemorySigningSecretRepository();
    final InMemoryWorkflowRepository workflows = new InMemoryWorkflowRepository(signingSecrets);
    final InMemoryRunRepository runs = new InMemoryRunRepository();
    final InMemoryCache<Workflow> workflowCache = new InMemoryCache<>(clock, 10_000);
    final InMemoryCache<Run> runCache = new InMemoryCache<>(clock, 10_000);
    final CacheAside<Workflow> workflowCacheAside = CacheAside.forWorkflows(workflowCache);
    final CacheAside<Run> runCacheAside = CacheAside.forRuns(runCache);
    final CreateWorkflow createWorkflow = new CreateWorkflowService(workflows, workflowCacheAside, clock);
    final GetWorkflow getWorkflow = new GetWorkflowService(workflows, workflowCacheAside);
    final GetRun getRun = new GetRunService(runs, runCacheAside, workflows, workflowCacheAside, clock);
    final ListRuns listRuns = new ListRunsService(runs);

    TriggerRun triggerRun(RunDispatcher dispatcher) {
        return new TriggerRunService(getWorkflow, runs, dispatcher, runCacheAside, clock);
    }

    ExecuteRun executeRun(StepExecutor steps, RunCompletionPublisher completions) {
        return executeRun(runs, steps, completions);
    }

    /** ExecuteRun over {@code runs}, for a test that wraps the memory repository to steer interleavings. */
    ExecuteRun executeRun(RunRepository runs, StepExecutor steps, RunCompletionPublisher completions) {
        return executeRun(runs, steps, completions, TIMING);
    }

    /** ExecuteRun with another lease and heartbeat; closed by the caller. */
    ExecuteRunService executeRun(RunRepository runs, StepExecutor steps, RunCompletionPublisher completions,
                                 ExecuteRunService.Timing timing) {
        return new ExecuteRunService(workflows, workflowCacheAside, runs, steps, completions, runCacheAside, clock, timing);
    }

    RecoverStrandedRuns recoverStrandedRuns(RunDispatcher dispatcher, Duration pendingGrace) {
        return new RecoverStrandedRunsService(runs, dispatcher, clock, pendingGrace, 100);
    }

    /** Creates a workflow of one-second delay steps with these names, through {@link CreateWorkflow}. */
    Workflow workflowOfDelays(String... stepNames) {
        List<Step> steps = new ArrayList<>();
        for (String name : stepNames) {
            steps.add(new DelayStep(name, Duration.ofSeconds(1)));
        }
        return createWorkflow.create(new CreateWorkflow.Command(null, "workflow of " + String.join(", ", stepNames), null, steps));
    }

    /** Every stored run, newest first, read straight from the repository. */
    List<Run> storedRuns() {
        return runs.list(new RunQuery(new PageRequest(PageRequest.MAX_LIMIT, null, Long.MAX_VALUE), null, null)).items();
    }
}
