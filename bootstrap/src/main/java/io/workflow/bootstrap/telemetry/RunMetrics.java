package io.workflow.bootstrap.telemetry;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The run and step meters, recorded from the changes {@link ObservedRunRepository} sees. Counters
 * of runs carry the {@code workflow} label (capped, {@link WorkflowLabel}); histograms do not, so
 * their series stay few whatever the number of workflows.
 */
final class RunMetrics {
    static final String TRIGGERED = "workflow_runs_triggered";
    static final String FINISHED = "workflow_runs_finished";
    static final String RETRIED = "workflow_runs_retried";
    static final String RUN_DURATION = "workflow_run_duration";
    static final String QUEUE_WAIT = "workflow_run_queue_wait";
    static final String STEP_DURATION = "workflow_step_duration";
    static final String STEP_ATTEMPTS = "workflow_step_attempts";
    static final String STEP_RETRIES = "workflow_step_retries";
    static final String STEP_CANCELLATIONS = "workflow_step_cancellations";
    private static final String ATTEMPTS_HELP = "Attempts of steps, by step type";
    private static final String RETRIES_HELP = "Attempts of steps after a failed one (retries), by step type";
    private static final String CANCELLATIONS_HELP = "Steps left unfinished because their run was cancelled, by step type";

    /** Records nothing: metrics are off. */
    static final RunMetrics NONE = new RunMetrics(null, null);

    private final Meters meters;
    private final WorkflowLabel workflows;

    RunMetrics(Meters meters, WorkflowLabel workflows) {
        this.meters = meters;
        this.workflows = workflows;
        if (meters != null) {
            // Exported at zero from the start, so a rate over them is defined before the first event.
            for (String type : StepTypes.NAMES) {
                stepCounters(type);
            }
        }
    }

    private void stepCounters(String type) {
        meters.counter(STEP_ATTEMPTS, ATTEMPTS_HELP, "type", type);
        meters.counter(STEP_RETRIES, RETRIES_HELP, "type", type);
        meters.counter(STEP_CANCELLATIONS, CANCELLATIONS_HELP, "type", type);
    }

    void triggered(Run run) {
        if (meters == null) {
            return;
        }
        meters.counter(TRIGGERED, "Runs accepted, by workflow", "workflow", workflows.of(run.workflowId())).increment();
    }

    /** A pending run taken by a worker for the first time: how long it waited to be picked up. */
    void started(Run run) {
        if (meters == null) {
            return;
        }
        if (run.startedAt() != null) {
            meters.timer(QUEUE_WAIT, "Time from a run's trigger to its first claim by a worker", Meters.FAST)
                    .record(nonNegative(run.createdAt(), run.startedAt()));
        }
    }

    /** A run that reached a terminal status; its duration counts from its first start (none for a run cancelled before it started). */
    void finished(Run run) {
        if (meters == null) {
            return;
        }
        String status = label(run.status());
        meters.counter(FINISHED, "Runs that reached a terminal status, by workflow and status",
                "workflow", workflows.of(run.workflowId()), "status", status).increment();
        if (run.startedAt() != null && run.completedAt() != null) {
            meters.timer(RUN_DURATION, "Time from a run's first start to its end, by terminal status", Meters.SLOW,
                    "status", status).record(nonNegative(run.startedAt(), run.completedAt()));
        }
    }

    void retried(Run run) {
        if (meters == null) {
            return;
        }
        meters.counter(RETRIED, "Failed or cancelled runs tried again, by workflow",
                "workflow", workflows.of(run.workflowId())).increment();
    }

    /** A step result recorded: its duration (all attempts), and the attempts made since the last result of that step. */
    void stepRecorded(String type, StepResult result, int newAttempts) {
        if (meters == null) {
            return;
        }
        String status = result.status().name().toLowerCase(Locale.ROOT);
        meters.timer(STEP_DURATION, "Time from a step's first attempt to its result, by step type and status", Meters.SLOW,
                "type", type, "status", status).record(nonNegative(result.startedAt(), result.completedAt()));
        if (newAttempts > 0) {
            meters.counter(STEP_ATTEMPTS, ATTEMPTS_HELP, "type", type).increment(newAttempts);
            int retries = Math.min(newAttempts, result.allAttempts().size() - 1);
            if (retries > 0) {
                meters.counter(STEP_RETRIES, RETRIES_HELP, "type", type).increment(retries);
            }
        }
    }

    /** The step in flight (or next) when a running run was cancelled. */
    void stepCancelled(String type) {
        if (meters == null) {
            return;
        }
        meters.counter(STEP_CANCELLATIONS, CANCELLATIONS_HELP, "type", type).increment();
    }

    static String label(RunStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static Duration nonNegative(Instant from, Instant to) {
        if (from == null || to == null) {
            return Duration.ZERO;
        }
        Duration duration = Duration.between(from, to);
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
