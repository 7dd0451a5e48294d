package io.workflow.perf.model;

/**
 * The driver's headroom at one load level: the stub's throughput (the client's ceiling) over a target's.
 * {@code sufficient} holds when the headroom is at least {@link #REQUIRED_HEADROOM}, i.e. the target, not the
 * driver, limited the figure.
 */
public record CeilingCheck(int concurrency, String target, double targetRequestsPerSecond, String stub,
                           double stubRequestsPerSecond, double headroom, boolean sufficient) {

    public static final double REQUIRED_HEADROOM = 3.0;

    public static CeilingCheck of(PhaseResult target, PhaseResult stub) {
        double targetRate = target.throughput().requestsPerSecond();
        double stubRate = stub.throughput().requestsPerSecond();
        double headroom = targetRate == 0 ? 0 : stubRate / targetRate;
        return new CeilingCheck(target.concurrency(), target.target(), targetRate, stub.target(), stubRate, headroom,
                headroom >= REQUIRED_HEADROOM);
    }
}
