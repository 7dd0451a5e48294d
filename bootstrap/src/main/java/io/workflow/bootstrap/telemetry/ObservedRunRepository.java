package io.workflow.bootstrap.telemetry;

import io.workflow.domain.page.Page;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunQuery;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.RunSummary;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.workflow.Step;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run repository, counted and logged: every change of a run goes through {@link #insert} or a
 * successful {@link #compareAndSet}, so the difference between {@code expected} and {@code next}
 * says what happened — triggered, claimed, a step recorded, finished, retried — whichever use case
 * made it. That keeps the run metrics and the run's log lines ({@code io.workflow.runs}, each
 * carrying {@code run_id} and {@code workflow_id}) outside the engine. Lease renewals change
 * nothing here and cost a status and a map comparison. Recording never fails the store's answer.
 */
public final class ObservedRunRepository implements RunRepository {
    static final Logger RUNS = Logger.getLogger("io.workflow.runs");
    private static final Logger LOG = Logger.getLogger(ObservedRunRepository.class.getName());

    private final RunRepository runs;
    private final RunMetrics metrics;
    private final StepTypes stepTypes;

    /** {@code metrics} null: the log lines only. */
    ObservedRunRepository(RunRepository runs, RunMetrics metrics, StepTypes stepTypes) {
        this.runs = runs;
        this.metrics = metrics == null ? RunMetrics.NONE : metrics;
        this.stepTypes = stepTypes;
    }

    @Override
    public void insert(Run run) {
        runs.insert(run);
        observe(run, () -> {
            metrics.triggered(run);
            RUNS.info("run triggered");
        });
    }

    @Override
    public Optional<Run> findById(UUID id) {
        return runs.findById(id);
    }

    @Override
    public Page<Run> list(RunQuery query) {
        return runs.list(query);
    }

    @Override
    public Page<RunSummary> summaries(RunQuery query) {
        return runs.summaries(query);
    }

    @Override
    public boolean compareAndSet(Run expected, Run next) {
        boolean changed = runs.compareAndSet(expected, next);
        if (changed && (expected.status() != next.status() || !expected.stepResults().equals(next.stepResults()))) {
            observe(next, () -> changed(expected, next));
        }
        return changed;
    }

    /**
     * A claim is counted and logged as a start when it started the run (its start time is the claim's
     * {@code now}); taking over a running run whose lease ran out changes nothing counted here.
     */
    @Override
    public Optional<Run> claim(UUID id, Instant now, Instant leaseUntil) {
        Optional<Run> claimed = runs.claim(id, now, leaseUntil);
        Instant started = now.truncatedTo(ChronoUnit.MICROS); // what a store keeps of it
        claimed.filter(run -> run.startedAt() != null && started.equals(run.startedAt().truncatedTo(ChronoUnit.MICROS))).ifPresent(run -> observe(run, () -> {
            metrics.started(run);
            RUNS.info(() -> "run running (attempt " + run.attempt() + ")");
        }));
        return claimed;
    }

    @Override
    public List<Run> findStranded(Instant pendingBefore, Instant now, int limit) {
        return runs.findStranded(pendingBefore, now, limit);
    }

    /** Passed through: a claim of due runs changes only their leases, which nothing here counts. */
    @Override
    public List<Run> claimDue(Instant now, Instant leaseUntil, int limit) {
        return runs.claimDue(now, leaseUntil, limit);
    }

    private void changed(Run expected, Run next) {
        next.stepResults().forEach((name, result) -> {
            StepResult before = expected.stepResults().get(name);
            if (!result.equals(before)) {
                stepRecorded(next, result, before);
            }
        });
        if (expected.status() == next.status()) {
            return;
        }
        switch (next.status()) {
            case RUNNING -> {
                if (expected.status() == RunStatus.PENDING && expected.startedAt() == null) {
                    metrics.started(next);
                }
                RUNS.info(() -> "run running (attempt " + next.attempt() + ")");
            }
            case PENDING -> {
                metrics.retried(next);
                RUNS.info(() -> "run retried: attempt " + next.attempt() + " pending");
            }
            case SUCCESS, FAILED, CANCELLED -> {
                if (next.status() == RunStatus.CANCELLED && expected.status() == RunStatus.RUNNING) {
                    stepCancelled(next);
                }
                metrics.finished(next);
                RUNS.info(() -> "run " + RunMetrics.label(next.status())
                        + (next.startedAt() == null ? "" : " after " + millis(next.startedAt(), next.completedAt()) + " ms")
                        + (next.error() == null ? "" : ": " + next.error()));
            }
        }
    }

    private void stepRecorded(Run run, StepResult result, StepResult before) {
        String type = stepTypes.typeOf(run.workflowId(), run.workflowVersion(), result.stepName());
        int attempts = result.allAttempts().size();
        // The same step's earlier result (attempts recorded as they happen) was counted already.
        int counted = before == null || !before.startedAt().equals(result.startedAt()) ? 0 : before.allAttempts().size();
        metrics.stepRecorded(type, result, Math.max(0, attempts - counted));
        RUNS.info(() -> "step " + result.stepName() + " (" + type + ") " + result.status().name().toLowerCase(Locale.ROOT) + " after " + attempts + " attempt(s), "
                + millis(result.startedAt(), result.completedAt()) + " ms" + (result.error() == null ? "" : ": " + result.error()));
    }

    /** Counts the first step of the workflow the cancelled run had not completed: the one in flight, or about to start. */
    private void stepCancelled(Run run) {
        for (Step step : stepTypes.steps(run.workflowId(), run.workflowVersion())) {
            StepResult result = run.stepResults().get(step.name());
            if (result == null || result.status() != StepResult.StepStatus.SUCCESS) {
                metrics.stepCancelled(StepTypes.name(step));
                return;
            }
        }
    }

    private static void observe(Run run, Runnable recording) {
        try {
            LogContext.withRun(run.id(), run.workflowId(), recording);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "recording the change of run " + run.id() + " failed", e);
        }
    }

    private static long millis(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis();
    }
}
