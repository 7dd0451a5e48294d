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
import io.workflow.domain.workflow.RetryPolicy;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.WebhookStep;
import io.workflow.domain.workflow.Workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * What a worker does with a dispatched run: claim it (compare-and-set, so one worker at a time) under
 * a short lease that a heartbeat renews while the steps execute, perform the steps in order with the
 * payload and earlier outputs as context, record each step's result, finish {@code success} or
 * {@code failed} at the first failed step, announce completion.
 *
 * <p>Safe to call again for the same run: a finished run or one held under a live lease is left
 * alone. A run cancelled while it executes is noticed at the next heartbeat: the step in flight is
 * interrupted and its result dropped. A run whose worker died (its lease ran out) or handed it back is claimed again and resumes
 * after its last completed step: a completed step is never performed twice. A call interrupted
 * midway (its process is shutting down) writes no result for the step it was in and hands the run
 * back, so another worker resumes it at once.
 */
public final class ExecuteRunService implements ExecuteRun, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExecuteRunService.class.getName());

    private final WorkflowRepository workflows;
    private final CacheAside<Workflow> workflowCache;
    private final RunRepository runs;
    private final StepExecutor steps;
    private final RunCompletionPublisher completions;
    private final CacheAside<Run> cache;
    private final Clock clock;
    private final Timing timing;
    private final ScheduledThreadPoolExecutor heartbeat = heartbeatScheduler();

    /**
     * How long a claim lasts ({@code lease}) and how often it is renewed while the run executes
     * ({@code heartbeat}, shorter than the lease): a dead worker's runs are taken over within a lease.
     */
    public record Timing(Duration lease, Duration heartbeat) {
        public Timing {
            if (lease.isNegative() || lease.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                    || heartbeat.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("need 0 < heartbeat < lease, got heartbeat " + heartbeat + ", lease " + lease);
            }
        }

        /** A lease renewed three times over its length, so two missed beats in a row cost nothing. */
        public static Timing ofLease(Duration lease) {
            return new Timing(lease, lease.dividedBy(3));
        }
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

    /** One thread that fires the beats (each renewal runs on a virtual thread of its own); it ends when idle. */
    private static ScheduledThreadPoolExecutor heartbeatScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("run-lease-heartbeat").daemon().factory());
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(30, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        return scheduler;
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
        HeldRun held = new HeldRun(run, runs, cache, clock, timing.lease());
        if (!held.change(stored -> stored.claim(now, now.plus(timing.lease())))) {
            return Outcome.HELD_ELSEWHERE;
        }
        if (workflow.isEmpty()) {
            return finish(held, current -> current.fail(clock.instant(), "workflow " + run.workflowId() + " no longer exists"));
        }
        long beat = timing.heartbeat().toNanos();
        ScheduledFuture<?> beating = heartbeat.scheduleAtFixedRate(() -> Thread.ofVirtual().start(held::renew),
                beat, beat, TimeUnit.NANOSECONDS);
        try {
            return performSteps(workflow.get().steps(), held);
        } finally {
            beating.cancel(false);
            if (held.isLost()) {
                Thread.interrupted(); // the heartbeat's interrupt, which only meant "stop": not passed on
            }
        }
    }

    private Outcome performSteps(List<Step> steps, HeldRun held) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (held.current().stepResults().containsKey(step.name())) {
                continue; // completed before this claim: resumed after it
            }
            StepResult result = perform(step, held.current());
            if (held.isLost()) {
                return Outcome.HELD_ELSEWHERE; // cancelled, or taken over: the result belongs to nobody
            }
            if (Thread.currentThread().isInterrupted()) {
                handBack(held);
                return Outcome.INTERRUPTED;
            }
            if (result.status() == StepResult.StepStatus.FAILED) {
                return finish(held, current -> current.withStepResult(result)
                        .fail(clock.instant(), "step '" + step.name() + "' failed: " + result.error()));
            }
            if (i == steps.size() - 1) {
                // The last result is written together with the terminal status: one write, not two.
                return finish(held, current -> current.withStepResult(result).succeed(clock.instant()));
            }
            if (!held.change(current -> current.withStepResult(result))) {
                return Outcome.HELD_ELSEWHERE;
            }
        }
        return finish(held, current -> current.succeed(clock.instant()));
    }

    /** Hands the run back with the interrupt set aside, so the store can still be reached, then restores it. */
    private static void handBack(HeldRun held) {
        boolean interrupted = Thread.interrupted();
        try {
            held.release();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.fine(() -> "run " + held.current().id() + " handed back: its process is shutting down");
    }

    /**
     * Performs the step, and again after a wait as its retry policy says while it fails in a way the
     * policy retries. A wait is interruptible: a cancel or a shutdown ends it, with the last result.
     */
    private StepResult perform(Step step, Run run) {
        RetryPolicy policy = step instanceof WebhookStep webhook ? webhook.retry() : null;
        List<StepResult.Attempt> earlier = new ArrayList<>();
        while (true) {
            Instant started = clock.instant();
            StepOutcome outcome = attempt(step, run);
            Instant completed = clock.instant();
            StepResult result = switch (outcome) {
                case StepOutcome.Succeeded ok -> StepResult.succeeded(step.name(), started, completed, ok.output());
                case StepOutcome.Failed failed -> StepResult.failed(step.name(), started, completed, failed.output(), failed.error());
            };
            if (!(outcome instanceof StepOutcome.Failed failed) || policy == null
                    || !policy.retries(failed.failure(), earlier.size() + 1) || Thread.currentThread().isInterrupted()) {
                return result.after(earlier);
            }
            Duration wait = policy.delayAfter(earlier.size() + 1, failed.retryAfter(), ThreadLocalRandom.current().nextDouble());
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return result.after(earlier);
            }
            earlier.add(new StepResult.Attempt(started, completed, failed.error()));
        }
    }

    private StepOutcome attempt(Step step, Run run) {
        try {
            return steps.execute(step, RunContext.of(run.payload(), run.stepResults()),
                    new StepExecutor.Call(run.workflowId(), run.id(), run.attempt(), step.name()));
        } catch (RuntimeException e) {
            return new StepOutcome.Failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        }
    }

    private Outcome finish(HeldRun held, UnaryOperator<Run> finishing) {
        if (!held.change(finishing)) {
            return Outcome.HELD_ELSEWHERE;
        }
        completions.completed(held.current());
        return Outcome.EXECUTED;
    }

    /** Stops the heartbeat; runs still executing then keep their lease only until it runs out. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
