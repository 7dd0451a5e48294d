package io.workflow.perf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.workflow.perf.load.Target;

/**
 * What the suite does: the faults in order, the traffic's rate and bounds, how long each stretch lasts (its fault, a
 * quiet {@code gap}, then until the runs accepted so far have ended, at most {@code settle}), the error
 * threshold ({@code maxErrors} per stretch, null: none), and {@code maxDuration}, the bound on the whole suite.
 */
public record SuitePlan(Target target, Path stackScript, List<Fault> faults, double rate, int maxInFlight,
                        Duration requestTimeout, Duration connectTimeout, Duration pollInterval, int pollConnections,
                        Duration baseline, Duration gap, Duration settle, Duration down, Duration kafkaDown,
                        Duration finalWait, Duration commandTimeout, Long maxErrors, Duration maxDuration) {

    /** Time kept back at the end for stopping the traffic and writing the report. */
    static final Duration WIND_DOWN = Duration.ofSeconds(20);

    public SuitePlan {
        faults = List.copyOf(faults);
        if (maxDuration.compareTo(baseline.plus(finalWait).plus(requestTimeout).plus(WIND_DOWN)) < 0) {
            throw new IllegalArgumentException("--max-duration " + maxDuration.toSeconds() + " s leaves no time for faults after "
                    + "the baseline, the final wait and the request timeout");
        }
    }

    /**
     * When the faults must be over so that the final wait still fits in {@code maxDuration}: a fault not started by
     * then is skipped, and a stack command still running then is killed.
     */
    Instant faultsDeadline(Instant start) {
        return start.plus(maxDuration).minus(finalWait).minus(requestTimeout).minus(WIND_DOWN);
    }
}
