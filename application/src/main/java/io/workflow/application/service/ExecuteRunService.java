package io.workflow.application.service;

import io.workflow.application.ExecuteRun;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a worker does with a dispatched run: claim it (compare-and-set, so one worker at a time),
 * perform the steps in order with the payload and earlier outputs as context, record each step's
 * result, finish {@code success} or {@code failed} at the first failed step, announce completion.
 * Safe to call again for the same run: a finished run or one held under a live lease is left alone.
 * A call interrupted midway (its process is shutting down) writes nothing more: the run stays
 * running until its lease expires and the stranded-run sweeper dispatches it again.
 */
public final class ExecuteRunService implements ExecuteRun {
    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> workflowCache;
    private final RunRepository runs;
    private final StepExecutor steps;
    private final RunCompletionPublisher completions;
    private final CacheAside<Run> cache;
    private final Clock clock;
    private final Timing timing;

    /**
     * How long a claim lasts: the workflow's longest expected duration (delays, plus
     * {@code webhookTimeout} per call) plus {@code leaseMargin}.
     */
    public record Timing(Duration webhookTimeout, Duration leaseMargin) {
    }

    public ExecuteRunService(WorkflowRepository workflows, CacheAside<Workflow> workflowCache, RunRepository runs,
                      StepExecutor steps, RunCompletionPublisher completions, CacheAside<Run> cache, Clock clock,
                      Timing timing) {
        this.workflows = workflows;
        this.workflowCache = workflowCache;
        this.runs = runs;
        this.steps = steps;
        this.completions = completions;
        this.cache = cache;
        this.clock = clock;
        this.timing = timing;
    }

    @Override
    public Outcome execute(UUID runId) {
        Optional<Run> found = runs.findById(runId);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        Run run = found.get();
        Instant now = clock.instant();
        if (run.status().isTerminal()) {
            return Outcome.ALREADY_FINISHED;
        }
        if (!run.isClaimable(now)) {
            return Outcome.HELD_ELSEWHERE;
        }
        Optional<Workflow> workflow = workflowCache.read(run.workflowId(), workflows::findById);
        Duration lease = workflow.map(w -> w.longestRun(timing.webhookTimeout())).orElse(Duration.ZERO).plus(timing.leaseMargin());
        Run current = run.claim(now, now.plus(lease));
        if (!changeTo(run, current)) {
            return Outcome.HELD_ELSEWHERE;
        }
        if (workflow.isEmpty()) {
            return finish(current, current.fail(clock.instant(), "workflow " + run.workflowId() + " no longer exists"));
        }
        List<Step> steps = workflow.get().steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            StepResult result = perform(step, current);
            if (Thread.currentThread().isInterrupted()) {
                return Outcome.INTERRUPTED;
            }
            Run next = current.withStepResult(result);
            if (result.status() == StepResult.StepStatus.FAILED) {
                return finish(current, next.fail(clock.instant(), "step '" + step.name() + "' failed: " + result.error()));
            }
            if (i == steps.size() - 1) {
                // The last result is written together with the terminal status: one write, not two.
                return finish(current, next.succeed(clock.instant()));
            }
            if (!runs.compareAndSet(current, next)) {
                return Outcome.HELD_ELSEWHERE;
            }
            current = next;
        }
        return finish(current, current.succeed(clock.instant()));
    }

    private StepResult perform(Step step, Run run) {
        Instant started = clock.instant();
        StepOutcome outcome;
        try {
            outcome = steps.execute(step, RunContext.of(run.payload(), run.stepResults()));
        } catch (RuntimeException e) {
            outcome = new StepOutcome.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        }
        Instant completed = clock.instant();
        return switch (outcome) {
            case StepOutcome.Succeeded ok -> StepResult.succeeded(step.name(), started, completed, ok.output());
            case StepOutcome.Failed failed -> StepResult.failed(step.name(), started, completed, failed.output(), failed.error());
        };
    }

    private Outcome finish(Run current, Run finished) {
        if (!changeTo(current, finished)) {
            return Outcome.HELD_ELSEWHERE;
        }
        completions.completed(finished);
        return Outcome.EXECUTED;
    }

    private boolean changeTo(Run expected, Run next) {
        boolean changed = runs.compareAndSet(expected, next);
        if (changed) {
            cache.changed(next.id());
        }
        return changed;
    }
}
