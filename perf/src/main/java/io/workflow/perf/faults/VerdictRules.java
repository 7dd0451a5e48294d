package io.workflow.perf.faults;

import java.util.ArrayList;
import java.util.List;

import io.workflow.perf.faults.FaultReport.ErrorCount;
import io.workflow.perf.faults.FaultReport.Stretch;

/**
 * When the suite fails: an accepted run never reached a terminal status; a stretch saw an error of a kind its fault
 * does not tolerate ({@link Fault#tolerates}; the baseline and the final wait tolerate none); a stretch saw more
 * errors than {@code maxErrors} allows (when set); a killed worker's runs took longer than
 * {@link #WORKER_RECOVERY_BOUND_SECONDS} to end; or a fault could not be inflicted or undone.
 */
final class VerdictRules {
    /**
     * A dead worker's runs are taken over once their 10 s lease runs out, by the next 5 s sweep or by
     * Kafka's redelivery after its 10 s session timeout, then take their own time (the flow's delay):
     * about 15 s at worst; the bound leaves room for a loaded 2-core machine, and still catches a
     * long lease (69 s before the heartbeat leases).
     */
    static final double WORKER_RECOVERY_BOUND_SECONDS = 25;

    private VerdictRules() {
    }

    static FaultReport.Verdict of(List<Stretch> stretches, Long maxErrors, List<String> failedActions) {
        List<String> reasons = new ArrayList<>(failedActions);
        for (Stretch stretch : stretches) {
            if (stretch.lost() > 0) {
                reasons.add(stretch.name() + ": " + stretch.lost() + " accepted run(s) never reached a terminal status");
            }
            for (ErrorCount error : stretch.errors()) {
                if (!error.tolerated()) {
                    reasons.add(stretch.name() + ": " + error.count() + " x " + error.request() + " " + error.kind()
                            + ", a kind " + (stretch.fault() == null ? "no error is expected here" : "not expected from " + stretch.fault()));
                }
            }
            FaultReport.WorkerRecovery recovery = stretch.workerRecovery();
            if (recovery != null && recovery.lastTerminalSeconds() != null
                    && recovery.lastTerminalSeconds() > WORKER_RECOVERY_BOUND_SECONDS) {
                reasons.add(stretch.name() + ": the killed worker's runs ended " + recovery.lastTerminalSeconds()
                        + " s after the kill, more than " + WORKER_RECOVERY_BOUND_SECONDS + " s");
            }
            if (maxErrors != null && stretch.errorCount() > maxErrors) {
                reasons.add(stretch.name() + ": " + stretch.errorCount() + " errors, more than the " + maxErrors + " allowed (--max-errors)");
            }
        }
        return new FaultReport.Verdict(reasons.isEmpty(), reasons);
    }

    /** Whether an error of {@code kind} is one the stretch's fault may cause today (null: no fault, none is). */
    static boolean tolerated(Fault fault, String kind) {
        return fault != null && fault.tolerates(kind);
    }
}
