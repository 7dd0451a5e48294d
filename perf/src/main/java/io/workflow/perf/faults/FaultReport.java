package io.workflow.perf.faults;

import java.util.List;

import io.workflow.perf.model.Environment;

/** What one run of the fault suite saw: per stretch (baseline, each fault, final wait) and the verdict. */
public record FaultReport(String startedAt, String finishedAt, Environment environment, Settings settings,
                          List<Stretch> stretches, Verdict verdict) {

    public FaultReport {
        stretches = List.copyOf(stretches);
    }

    /** The suite's settings as the report states them. */
    public record Settings(String target, double rate, String baseline, String gap, String down, String kafkaDown,
                           String finalWait, String requestTimeout, Long maxErrors, List<String> faults) {
    }

    /**
     * One stretch of the suite: requests sent in it (triggers and reads of runs), its errors by request and kind,
     * and the fate of the runs it triggered. {@code lost}: accepted, never seen terminal; {@code unknown}: triggers
     * that got no answer, whose runs may or may not exist; {@code slowestRunSeconds}: the longest any of its ended
     * runs took from acceptance to its end (null when none ended).
     */
    public record Stretch(String name, String fault, String description, String action, double seconds, long sent,
                          long notSent, List<ErrorCount> errors, long accepted, long succeeded, long failed, long lost,
                          long unknown, Double slowestRunSeconds, WorkerRecovery workerRecovery) {

        public Stretch {
            errors = List.copyOf(errors);
        }

        public long errorCount() {
            return errors.stream().mapToLong(ErrorCount::count).sum();
        }
    }

    /** {@code count} errors of {@code kind} (HTTP 502, request timeout, ...) on {@code request} (trigger or read). */
    public record ErrorCount(String request, String kind, long count, boolean tolerated) {
    }

    /**
     * After a worker's kill -9: the runs not terminal at the kill, how many of them ended more than
     * {@link #LATE_AFTER_SECONDS} s after it (those the killed worker held: a run's own step takes 1 s), when the
     * last ended (seconds after the kill) and how many never did.
     */
    public record WorkerRecovery(String worker, int inFlight, int late, Double lastTerminalSeconds, int neverTerminal) {
        public static final int LATE_AFTER_SECONDS = 5;
    }

    /** Passed, or the reasons it did not. */
    public record Verdict(boolean passed, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }
}
