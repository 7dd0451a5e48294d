package io.workflow.application.service;

import io.workflow.application.ExecuteRun;
import io.workflow.application.RunExecutionScope;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.port.StepExecutor;
import io.workflow.domain.port.StepExecutor.StepOutcome;
import io.workflow.domain.port.WorkflowRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunContext;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.DelayStep;
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
 * <p><b>Durable timers.</b> A wait longer than {@link Timing#longestSleep} (a delay step, or the
 * back-off before a webhook's next attempt) is not slept through: the run is parked on a
 * {@link Timer}, stored with its lease ending when the timer is due, and the call returns
 * {@link Outcome#WAITING}, holding no thread and no lease. {@link #resume} goes on with it once a
 * worker has claimed it due ({@link WakeDueRunsService}). Shorter waits are slept through under the
 * lease: cheaper than a round trip through the store.
 *
 * <p><b>Timeouts.</b> A workflow's run timeout is counted from the run's start: no step begins after
 * it, a call in flight is bounded by what is left of it, a timer never sleeps past it, and a run that
 * reaches it ends {@code failed} saying so.
 *
 * <p>Safe to call again for the same run: a finished run or one held under a live lease is left
 * alone. A run cancelled while it executes is noticed at the next heartbeat: the step in flight is
 * interrupted and its result dropped. A run whose worker died (its lease ran out) or handed it back
 * is claimed again and resumes after its last completed step: a completed step is never performed
 * twice. A call interrupted midway (its process is shutting down) writes no result for the step it
 * was in and hands the run back, so another worker resumes it at once.
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
    private final RunExecutionScope scope;
    private final ScheduledThreadPoolExecutor heartbeat = heartbeatScheduler();

    /**
     * How long a claim lasts ({@code lease}) and how often it is renewed while the run executes
     * ({@code heartbeat}, shorter than the lease): a dead worker's runs are taken over within a lease.
     * A wait of at most {@code longestSleep} is slept through; a longer one becomes a durable timer.
     */
    public record Timing(Duration lease, Duration heartbeat, Duration longestSleep) {
        /** Waits up to this long are slept through by default: a 1 s delay costs no store round trip. */
        public static final Duration DEFAULT_LONGEST_SLEEP = Duration.ofSeconds(2);

        public Timing {
            if (lease.isNegative() || lease.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                    || heartbeat.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("need 0 < heartbeat < lease, got heartbeat " + heartbeat + ", lease " + lease);
            }
            if (longestSleep.isNegative()) {
                throw new IllegalArgumentException("longestSleep must not be negative, got " + longestSleep);
            }
        }

        /** Waits of up to {@link #DEFAULT_LONGEST_SLEEP} slept through. */
        public Timing(Duration lease, Duration heartbeat) {
            this(lease, heartbeat, DEFAULT_LONGEST_SLEEP);
        }

        /** A lease renewed three times over its length, so two missed beats in a row cost nothing. */
        public static Timing ofLease(Duration lease) {
            return new Timing(lease, lease.dividedBy(3), DEFAULT_LONGEST_SLEEP);
        }

        /** The same, with waits longer than {@code longestSleep} parked on durable timers. */
        public Timing sleepingAtMost(Duration longestSleep) {
            return new Timing(lease, heartbeat, longestSleep);
        }
    }

    public ExecuteRunService(WorkflowRepository workflows, CacheAside<Workflow> workflowCache, RunRepository runs,
                      StepExecutor steps, RunCompletionPublisher completions, CacheAside<Run> cache, Clock clock,
                      Timing timing) {
        this(workflows, workflowCache, runs, steps, completions, cache, clock, timing, RunExecutionScope.NONE);
    }

    /** The same, each run performed inside {@code scope}, however it was taken up ({@link #execute} or {@link #resume}). */
    public ExecuteRunService(WorkflowRepository workflows, CacheAside<Workflow> workflowCache, RunRepository runs,
                      StepExecutor steps, RunCompletionPublisher completions, CacheAside<Run> cache, Clock clock,
                      Timing timing, RunExecutionScope scope) {
        this.workflows = workflows;
        this.workflowCache = workflowCache;
        this.runs = runs;
        this.steps = steps;
        this.completions = completions;
        this.cache = cache;
        this.clock = clock;
        this.timing = timing;
        this.scope = scope;
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

    /** How long a claim lasts: what a claim of due runs asks for. */
    Duration lease() {
        return timing.lease();
    }

    @Override
    public Outcome execute(UUID runId) {
        // The claim is the first and only statement before the steps: the common case (a pending run)
        // costs no read. Only a run that could not be claimed is read, to tell why.
        Instant now = clock.instant();
        Optional<Run> claimed = runs.claim(runId, now, now.plus(timing.lease()));
        if (claimed.isEmpty()) {
            return unclaimed(runId);
        }
        cache.changed(runId);
        return perform(new HeldRun(claimed.get(), runs, cache, clock, timing.lease()));
    }

    /** Why a run could not be claimed: it is absent, finished, or held (a live lease, or a timer not yet due). */
    private Outcome unclaimed(UUID runId) {
        Optional<Run> found = runs.findById(runId);
        if (found.isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return found.get().status().isTerminal() ? Outcome.ALREADY_FINISHED : Outcome.HELD_ELSEWHERE;
    }

    /**
     * Goes on with a run this worker has already claimed ({@link RunRepository#claimDue}): a timer
     * that came due, or a run whose worker died. Must be called on the thread that performs it.
     */
    public Outcome resume(Run claimed) {
        return perform(new HeldRun(claimed, runs, cache, clock, timing.lease()));
    }

    private Outcome perform(HeldRun held) {
        return scope.within(held.current(), () -> performHeld(held));
    }

    private Outcome performHeld(HeldRun held) {
        Run run = held.current();
        Optional<Workflow> workflow = RunDefinitions.of(run, workflows, workflowCache);
        if (workflow.isEmpty()) {
            return finish(held, current -> current.fail(clock.instant(), "workflow " + run.workflowId() + " no longer exists"));
        }
        long beat = timing.heartbeat().toNanos();
        ScheduledFuture<?> beating = heartbeat.scheduleAtFixedRate(() -> Thread.ofVirtual().start(held::renew),
                beat, beat, TimeUnit.NANOSECONDS);
        try {
            return performSteps(workflow.get(), held);
        } finally {
            beating.cancel(false);
            if (held.isLost()) {
                Thread.interrupted(); // the heartbeat's interrupt, which only meant "stop": not passed on
            }
        }
    }

    private Outcome performSteps(Workflow workflow, HeldRun held) {
        List<Step> all = workflow.steps();
        Instant deadline = deadline(workflow, held.current());
        for (int i = 0; i < all.size(); i++) {
            Step step = all.get(i);
            if (held.current().stepResults().containsKey(step.name())) {
                continue; // completed before this claim: resumed after it
            }
            if (deadline != null && !clock.instant().isBefore(deadline)) {
                return finish(held, current -> current.fail(clock.instant(), timedOut(workflow)));
            }
            Progress progress = advance(workflow, step, held.current(), deadline);
            if (held.isLost()) {
                return Outcome.HELD_ELSEWHERE; // cancelled, or taken over: the result belongs to nobody
            }
            if (Thread.currentThread().isInterrupted()) {
                handBack(held);
                return Outcome.INTERRUPTED;
            }
            if (progress instanceof Progress.Parked(Timer timer)) {
                return held.park(timer) ? Outcome.WAITING : Outcome.HELD_ELSEWHERE;
            }
            StepResult result = ((Progress.Done) progress).result();
            if (result.status() == StepResult.StepStatus.FAILED) {
                String reason = deadline != null && !clock.instant().isBefore(deadline)
                        ? timedOut(workflow) + " in step '" + step.name() + "': " + result.error()
                        : "step '" + step.name() + "' failed: " + result.error();
                return finish(held, current -> current.withStepResult(result).fail(clock.instant(), reason));
            }
            if (i == all.size() - 1) {
                // The last result is written together with the terminal status: one write, not two.
                return finish(held, current -> current.withStepResult(result).succeed(clock.instant()));
            }
            if (!held.change(current -> current.withStepResult(result))) {
                return Outcome.HELD_ELSEWHERE;
            }
        }
        return finish(held, current -> current.succeed(clock.instant()));
    }

    /** The end of the run's time, counted from its start; null without a run timeout. */
    private static Instant deadline(Workflow workflow, Run run) {
        return workflow.timeout() == null || run.startedAt() == null ? null : run.startedAt().plus(workflow.timeout());
    }

    private static String timedOut(Workflow workflow) {
        Duration timeout = workflow.timeout();
        String seconds = timeout.toMillis() % 1000 == 0 ? Long.toString(timeout.toSeconds())
                : Double.toString(timeout.toMillis() / 1000.0);
        return "run timed out after " + seconds + " s (the workflow's timeout)";
    }

    /** What became of a step this time: it completed (well or not), or it waits on a timer. */
    private sealed interface Progress {
        record Done(StepResult result) implements Progress {
        }

        record Parked(Timer timer) implements Progress {
        }
    }

    private Progress advance(Workflow workflow, Step step, Run run, Instant deadline) {
        Timer timer = run.timer() != null && run.timer().stepName().equals(step.name()) ? run.timer() : null;
        return switch (step) {
            case DelayStep delay -> delay(delay, timer, run, deadline);
            case WebhookStep webhook -> call(webhook, workflow.retryOf(webhook), timer, run, deadline);
        };
    }

    /**
     * A delay: slept through when short, parked on a timer when long, finished when its timer is due.
     * Never waits past the run's deadline: then it wakes at the deadline, and the run times out.
     */
    private Progress delay(DelayStep step, Timer timer, Run run, Instant deadline) {
        Instant now = clock.instant();
        Instant started = timer == null ? now : timer.stepStartedAt();
        Instant end = timer == null ? now.plus(step.duration()) : timer.wakeAt();
        Instant wake = deadline != null && deadline.isBefore(end) ? deadline : end;
        if (timer == null && wake.equals(end) && step.duration().compareTo(timing.longestSleep()) <= 0) {
            return new Progress.Done(result(step, now, attempt(step, run))); // a short delay, slept through as always
        }
        Duration left = Duration.between(now, wake);
        if (left.compareTo(timing.longestSleep()) > 0) {
            return new Progress.Parked(new Timer(step.name(), started, wake, List.of()));
        }
        if (!sleep(left)) {
            return new Progress.Done(StepResult.failed(step.name(), started, clock.instant(), null, "interrupted"));
        }
        if (wake.isBefore(end)) {
            return new Progress.Done(StepResult.failed(step.name(), started, clock.instant(), null, "the run's time ran out"));
        }
        return new Progress.Done(StepResult.succeeded(step.name(), started, clock.instant(), step.output()));
    }

    /**
     * A webhook call, tried again after a wait while it fails in a way its retry policy retries. A
     * wait that fits {@link Timing#longestSleep} is slept through (interruptible: a cancel or a
     * shutdown ends it, with the last result); a longer one parks the run on a timer that remembers
     * the attempts made. No attempt begins once the run's time is up, and each is bounded by what is left.
     */
    private Progress call(WebhookStep step, RetryPolicy policy, Timer timer, Run run, Instant deadline) {
        List<StepResult.Attempt> earlier = new ArrayList<>(timer == null ? List.of() : timer.failedAttempts());
        while (true) {
            Instant started = clock.instant();
            WebhookStep bounded = deadline == null ? step : step.boundedBy(Duration.between(started, deadline));
            StepOutcome outcome = attempt(bounded, run);
            Instant completed = clock.instant();
            StepResult result = result(step, started, outcome);
            if (!(outcome instanceof StepOutcome.Failed failed) || policy == null
                    || !policy.retries(failed.failure(), earlier.size() + 1) || Thread.currentThread().isInterrupted()) {
                return new Progress.Done(result.after(earlier));
            }
            Duration wait = policy.delayAfter(earlier.size() + 1, failed.retryAfter(), ThreadLocalRandom.current().nextDouble());
            Instant next = completed.plus(wait);
            if (deadline != null && !next.isBefore(deadline)) {
                return new Progress.Done(result.after(earlier)); // the next attempt would begin after the run's time
            }
            earlier.add(new StepResult.Attempt(started, completed, failed.error()));
            if (wait.compareTo(timing.longestSleep()) > 0) {
                return new Progress.Parked(new Timer(step.name(), earlier.getFirst().startedAt(), next, earlier));
            }
            if (!sleep(wait)) {
                earlier.removeLast();
                return new Progress.Done(result.after(earlier));
            }
        }
    }

    private StepResult result(Step step, Instant started, StepOutcome outcome) {
        Instant completed = clock.instant();
        return switch (outcome) {
            case StepOutcome.Succeeded ok -> StepResult.succeeded(step.name(), started, completed, ok.output());
            case StepOutcome.Failed failed -> StepResult.failed(step.name(), started, completed, failed.output(), failed.error());
        };
    }

    /** Sleeps (not at all for nothing or less); false, with the interrupt kept, when interrupted (a cancel or a shutdown). */
    private static boolean sleep(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
