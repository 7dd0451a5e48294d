package io.workflow.domain.timeline;

import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;
import io.workflow.domain.run.StepResult;
import io.workflow.domain.run.Timer;
import io.workflow.domain.workflow.DelayStep;
import io.workflow.domain.workflow.Step;
import io.workflow.domain.workflow.Workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run seen step by step, as a person following it wants it: every step of its workflow in order,
 * each with what became of it so far, and the step the run is at. Derived from the run and its
 * workflow at a moment; nothing of it is stored.
 *
 * @param steps       every step of the workflow, in order
 * @param currentStep the step being performed or waited in; null when none is (pending or finished)
 */
public record RunTimeline(List<StepView> steps, String currentStep) {

    /** Where a step stands. */
    public enum StepState {
        /** Not begun. */
        PENDING,
        /** Being performed by a worker now. */
        RUNNING,
        /** Parked on a timer: a delay, or the wait before a webhook's next attempt. */
        WAITING,
        SUCCESS,
        FAILED,
        /** Never to be performed: its run ended before reaching it. */
        SKIPPED
    }

    /**
     * One step: its type ({@code delay} or {@code webhook}), state, times, every attempt made (a
     * step not begun has none), its error if it failed, and while waiting the time it wakes up.
     */
    public record StepView(String name, String type, StepState state, Instant startedAt, Instant completedAt,
                           List<StepResult.Attempt> attempts, String error, Instant wakeAt) {
        public StepView {
            attempts = List.copyOf(attempts);
        }
    }

    public RunTimeline {
        steps = List.copyOf(steps);
    }

    /** The timeline of {@code run}, a run of {@code workflow}, at {@code now}. */
    public static RunTimeline of(Run run, Workflow workflow, Instant now) {
        List<StepView> views = new ArrayList<>();
        String current = null;
        boolean reached = false; // a step without a result was met: the steps after it are not begun
        for (Step step : workflow.steps()) {
            StepView view = view(run, step, now, reached);
            if (view.state() == StepState.RUNNING || view.state() == StepState.WAITING) {
                current = step.name();
            }
            reached |= !run.stepResults().containsKey(step.name());
            views.add(view);
        }
        return new RunTimeline(views, current);
    }

    private static StepView view(Run run, Step step, Instant now, boolean afterAnUnfinishedStep) {
        String type = step instanceof DelayStep ? "delay" : "webhook";
        StepResult result = run.stepResults().get(step.name());
        if (result != null) {
            StepState state = result.status() == StepResult.StepStatus.SUCCESS ? StepState.SUCCESS : StepState.FAILED;
            return new StepView(step.name(), type, state, result.startedAt(), result.completedAt(), result.allAttempts(),
                    result.error(), null);
        }
        Timer timer = run.timer();
        if (timer != null && timer.stepName().equals(step.name())) {
            boolean waiting = run.isWaiting(now);
            return new StepView(step.name(), type, waiting ? StepState.WAITING : StepState.RUNNING, timer.stepStartedAt(),
                    null, timer.failedAttempts(), null, waiting ? timer.wakeAt() : null);
        }
        StepState state;
        if (run.status().isTerminal()) {
            state = StepState.SKIPPED;
        } else if (run.status() == RunStatus.RUNNING && !afterAnUnfinishedStep && run.timer() == null
                && run.leaseExpiresAt() != null && run.leaseExpiresAt().isAfter(now)) {
            state = StepState.RUNNING;
        } else {
            state = StepState.PENDING;
        }
        return new StepView(step.name(), type, state, null, null, List.of(), null, null);
    }
}
