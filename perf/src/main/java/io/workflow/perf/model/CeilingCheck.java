package io.workflow.perf.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The driver's headroom at one load level: the stub's throughput (the client's ceiling) over a target's.
 * {@code sufficient} holds when the headroom is at least {@link #REQUIRED_HEADROOM}, i.e. the target, not the
 * driver, limited the figure.
 */
public record CeilingCheck(int concurrency, String target, double targetRequestsPerSecond, String stub,
                           double stubRequestsPerSecond, double headroom, boolean sufficient) {

    public static final double REQUIRED_HEADROOM = 3.0;

    /** Each contender against the stub of its load level, where one ran; the phases are those of one run. */
    public static List<CeilingCheck> of(List<PhaseResult> phases) {
        List<CeilingCheck> ceilings = new ArrayList<>();
        for (int level : PhaseResult.levels(phases)) {
            phases.stream().filter(p -> p.concurrency() == level && p.stub()).findFirst()
                    .ifPresent(stub -> phases.stream()
                            .filter(p -> p.concurrency() == level && !p.stub())
                            .forEach(p -> ceilings.add(of(p, stub))));
        }
        return ceilings;
    }

    public static CeilingCheck of(PhaseResult target, PhaseResult stub) {
        double targetRate = target.throughput().requestsPerSecond();
        double stubRate = stub.throughput().requestsPerSecond();
        double headroom = targetRate == 0 ? 0 : stubRate / targetRate;
        return new CeilingCheck(target.concurrency(), target.target(), targetRate, stub.target(), stubRate, headroom,
                headroom >= REQUIRED_HEADROOM);
    }
}
